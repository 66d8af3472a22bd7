package io.lakeml.train;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;

/**
 * The training algorithms lakeml knows, each with the hyperparameters it accepts. Adding one means
 * adding a constant here: its name in config, its parameter specs and how to build the estimator.
 */
public enum Algorithm {
  LOGISTIC_REGRESSION(
      "logistic-regression",
      List.of(
          ParamSpec.ofInt("max-iter", 1, 100_000, 100),
          ParamSpec.ofDouble("reg-param", 0.0, 1e6, 0.0),
          ParamSpec.ofDouble("elastic-net-param", 0.0, 1.0, 0.0),
          ParamSpec.ofDouble("tol", 0.0, 1.0, 1e-6),
          ParamSpec.ofBoolean("fit-intercept", true),
          ParamSpec.ofBoolean("standardization", true),
          ParamSpec.ofInt("aggregation-depth", 2, 10, 2))) {
    @Override
    public PipelineStage estimator(Map<String, Object> p, TrainColumns cols, long seed) {
      LogisticRegression lr =
          new LogisticRegression()
              .setFeaturesCol(cols.features())
              .setLabelCol(cols.label())
              .setPredictionCol(cols.prediction())
              .setProbabilityCol(cols.probability())
              .setRawPredictionCol(cols.rawPrediction())
              .setMaxIter((Integer) p.get("max-iter"))
              .setRegParam((Double) p.get("reg-param"))
              .setElasticNetParam((Double) p.get("elastic-net-param"))
              .setTol((Double) p.get("tol"))
              .setFitIntercept((Boolean) p.get("fit-intercept"))
              .setStandardization((Boolean) p.get("standardization"))
              .setAggregationDepth((Integer) p.get("aggregation-depth"));
      cols.weight().ifPresent(lr::setWeightCol);
      return lr;
    }
  };

  private final String configName;
  private final List<ParamSpec> params;

  Algorithm(String configName, List<ParamSpec> params) {
    this.configName = configName;
    this.params = params;
  }

  /** The estimator for validated parameters, reading and writing the given columns. */
  public abstract PipelineStage estimator(Map<String, Object> params, TrainColumns cols, long seed);

  public String configName() {
    return configName;
  }

  public List<ParamSpec> params() {
    return params;
  }

  public static List<String> names() {
    return java.util.Arrays.stream(values()).map(Algorithm::configName).toList();
  }

  public static Algorithm byName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    for (Algorithm a : values()) {
      if (a.configName.equals(n)) {
        return a;
      }
    }
    throw new IllegalArgumentException("unknown algorithm: " + name);
  }
}
