package io.lakeml.train;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.DecisionTreeClassifier;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.RandomForestClassifier;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.feature.PCA;
import org.apache.spark.ml.regression.DecisionTreeRegressor;
import org.apache.spark.ml.regression.GBTRegressor;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.ml.regression.RandomForestRegressor;

/**
 * The training algorithms lakeml knows, each with the hyperparameters it accepts (names as in
 * config, ranges checked before Spark starts). Adding one means adding a constant here: its config
 * name, what it learns, its parameter specs and how to build the Spark estimator.
 */
public enum Algorithm {
  LOGISTIC_REGRESSION(
      "logistic-regression",
      Kind.CLASSIFIER,
      List.of(
          ParamSpec.ofInt("max-iter", 1, 100_000, 100),
          ParamSpec.ofDouble("reg-param", 0.0, 1e6, 0.0),
          ParamSpec.ofDouble("elastic-net-param", 0.0, 1.0, 0.0),
          ParamSpec.ofDouble("tol", 0.0, 1.0, 1e-6),
          ParamSpec.ofBoolean("fit-intercept", true),
          ParamSpec.ofBoolean("standardization", true),
          ParamSpec.ofChoice("family", "auto", "binomial", "multinomial"),
          ParamSpec.ofInt("aggregation-depth", 2, 10, 2))) {
    @Override
    PipelineStage build(Map<String, Object> p, TrainColumns cols, long seed) {
      LogisticRegression lr =
          new LogisticRegression()
              .setFeaturesCol(cols.features())
              .setLabelCol(cols.label())
              .setPredictionCol(cols.prediction())
              .setProbabilityCol(cols.probability())
              .setRawPredictionCol(cols.rawPrediction())
              .setMaxIter(i(p, "max-iter"))
              .setRegParam(d(p, "reg-param"))
              .setElasticNetParam(d(p, "elastic-net-param"))
              .setTol(d(p, "tol"))
              .setFitIntercept(b(p, "fit-intercept"))
              .setStandardization(b(p, "standardization"))
              .setFamily((String) p.get("family"))
              .setAggregationDepth(i(p, "aggregation-depth"));
      cols.weight().ifPresent(lr::setWeightCol);
      return lr;
    }
  },
  DECISION_TREE_CLASSIFIER("decision-tree-classifier", Kind.CLASSIFIER, treeParams("gini")) {
    @Override
    PipelineStage build(Map<String, Object> p, TrainColumns cols, long seed) {
      DecisionTreeClassifier t =
          new DecisionTreeClassifier()
              .setFeaturesCol(cols.features())
              .setLabelCol(cols.label())
              .setPredictionCol(cols.prediction())
              .setProbabilityCol(cols.probability())
              .setRawPredictionCol(cols.rawPrediction())
              .setMaxDepth(i(p, "max-depth"))
              .setMaxBins(i(p, "max-bins"))
              .setMinInstancesPerNode(i(p, "min-instances-per-node"))
              .setMinInfoGain(d(p, "min-info-gain"))
              .setImpurity((String) p.get("impurity"))
              .setSeed(seed);
      cols.weight().ifPresent(t::setWeightCol);
      return t;
    }
  },
  RANDOM_FOREST_CLASSIFIER("random-forest-classifier", Kind.CLASSIFIER, forestParams("gini")) {
    @Override
    PipelineStage build(Map<String, Object> p, TrainColumns cols, long seed) {
      RandomForestClassifier t =
          new RandomForestClassifier()
              .setFeaturesCol(cols.features())
              .setLabelCol(cols.label())
              .setPredictionCol(cols.prediction())
              .setProbabilityCol(cols.probability())
              .setRawPredictionCol(cols.rawPrediction())
              .setNumTrees(i(p, "num-trees"))
              .setMaxDepth(i(p, "max-depth"))
              .setMaxBins(i(p, "max-bins"))
              .setMinInstancesPerNode(i(p, "min-instances-per-node"))
              .setMinInfoGain(d(p, "min-info-gain"))
              .setImpurity((String) p.get("impurity"))
              .setSubsamplingRate(d(p, "subsampling-rate"))
              .setFeatureSubsetStrategy((String) p.get("feature-subset-strategy"))
              .setSeed(seed);
      cols.weight().ifPresent(t::setWeightCol);
      return t;
    }
  },
  GBT_CLASSIFIER("gbt-classifier", Kind.CLASSIFIER, boostingParams("logistic")) {
    @Override
    PipelineStage build(Map<String, Object> p, TrainColumns cols, long seed) {
      GBTClassifier t =
          new GBTClassifier()
              .setFeaturesCol(cols.features())
              .setLabelCol(cols.label())
              .setPredictionCol(cols.prediction())
              .setProbabilityCol(cols.probability())
              .setRawPredictionCol(cols.rawPrediction())
              .setMaxIter(i(p, "max-iter"))
              .setStepSize(d(p, "step-size"))
              .setMaxDepth(i(p, "max-depth"))
              .setMaxBins(i(p, "max-bins"))
              .setMinInstancesPerNode(i(p, "min-instances-per-node"))
              .setMinInfoGain(d(p, "min-info-gain"))
              .setSubsamplingRate(d(p, "subsampling-rate"))
              .setFeatureSubsetStrategy((String) p.get("feature-subset-strategy"))
              .setLossType((String) p.get("loss-type"))
              .setSeed(seed);
      cols.weight().ifPresent(t::setWeightCol);
      return t;
    }

    @Override
    public boolean binaryOnly() {
      return true;
    }
  },
  LINEAR_REGRESSION(
      "linear-regression",
      Kind.REGRESSOR,
      List.of(
          ParamSpec.ofInt("max-iter", 1, 100_000, 100),
          ParamSpec.ofDouble("reg-param", 0.0, 1e6, 0.0),
          ParamSpec.ofDouble("elastic-net-param", 0.0, 1.0, 0.0),
          ParamSpec.ofDouble("tol", 0.0, 1.0, 1e-6),
          ParamSpec.ofBoolean("fit-intercept", true),
          ParamSpec.ofBoolean("standardization", true),
          ParamSpec.ofChoice("solver", "auto", "normal", "l-bfgs"),
          ParamSpec.ofInt("aggregation-depth", 2, 10, 2))) {
    @Override
    PipelineStage build(Map<String, Object> p, TrainColumns cols, long seed) {
      LinearRegression t =
          new LinearRegression()
              .setFeaturesCol(cols.features())
              .setLabelCol(cols.label())
              .setPredictionCol(cols.prediction())
              .setMaxIter(i(p, "max-iter"))
              .setRegParam(d(p, "reg-param"))
              .setElasticNetParam(d(p, "elastic-net-param"))
              .setTol(d(p, "tol"))
              .setFitIntercept(b(p, "fit-intercept"))
              .setStandardization(b(p, "standardization"))
              .setSolver((String) p.get("solver"))
              .setAggregationDepth(i(p, "aggregation-depth"));
      cols.weight().ifPresent(t::setWeightCol);
      return t;
    }
  },
  DECISION_TREE_REGRESSOR("decision-tree-regressor", Kind.REGRESSOR, treeParams("variance")) {
    @Override
    PipelineStage build(Map<String, Object> p, TrainColumns cols, long seed) {
      DecisionTreeRegressor t =
          new DecisionTreeRegressor()
              .setFeaturesCol(cols.features())
              .setLabelCol(cols.label())
              .setPredictionCol(cols.prediction())
              .setMaxDepth(i(p, "max-depth"))
              .setMaxBins(i(p, "max-bins"))
              .setMinInstancesPerNode(i(p, "min-instances-per-node"))
              .setMinInfoGain(d(p, "min-info-gain"))
              .setImpurity((String) p.get("impurity"))
              .setSeed(seed);
      cols.weight().ifPresent(t::setWeightCol);
      return t;
    }
  },
  RANDOM_FOREST_REGRESSOR("random-forest-regressor", Kind.REGRESSOR, forestParams("variance")) {
    @Override
    PipelineStage build(Map<String, Object> p, TrainColumns cols, long seed) {
      RandomForestRegressor t =
          new RandomForestRegressor()
              .setFeaturesCol(cols.features())
              .setLabelCol(cols.label())
              .setPredictionCol(cols.prediction())
              .setNumTrees(i(p, "num-trees"))
              .setMaxDepth(i(p, "max-depth"))
              .setMaxBins(i(p, "max-bins"))
              .setMinInstancesPerNode(i(p, "min-instances-per-node"))
              .setMinInfoGain(d(p, "min-info-gain"))
              .setImpurity((String) p.get("impurity"))
              .setSubsamplingRate(d(p, "subsampling-rate"))
              .setFeatureSubsetStrategy((String) p.get("feature-subset-strategy"))
              .setSeed(seed);
      cols.weight().ifPresent(t::setWeightCol);
      return t;
    }
  },
  GBT_REGRESSOR("gbt-regressor", Kind.REGRESSOR, boostingParams("squared", "absolute")) {
    @Override
    PipelineStage build(Map<String, Object> p, TrainColumns cols, long seed) {
      GBTRegressor t =
          new GBTRegressor()
              .setFeaturesCol(cols.features())
              .setLabelCol(cols.label())
              .setPredictionCol(cols.prediction())
              .setMaxIter(i(p, "max-iter"))
              .setStepSize(d(p, "step-size"))
              .setMaxDepth(i(p, "max-depth"))
              .setMaxBins(i(p, "max-bins"))
              .setMinInstancesPerNode(i(p, "min-instances-per-node"))
              .setMinInfoGain(d(p, "min-info-gain"))
              .setSubsamplingRate(d(p, "subsampling-rate"))
              .setFeatureSubsetStrategy((String) p.get("feature-subset-strategy"))
              .setLossType((String) p.get("loss-type"))
              .setSeed(seed);
      cols.weight().ifPresent(t::setWeightCol);
      return t;
    }
  },
  K_MEANS(
      "k-means",
      Kind.CLUSTERER,
      List.of(
          ParamSpec.ofInt("k", 2, 100_000, 2),
          ParamSpec.ofInt("max-iter", 1, 100_000, 20),
          ParamSpec.ofDouble("tol", 0.0, 1.0, 1e-4),
          ParamSpec.ofChoice("init-mode", "k-means||", "random"),
          ParamSpec.ofInt("init-steps", 1, 100, 2),
          ParamSpec.ofChoice("distance-measure", "euclidean", "cosine"))) {
    @Override
    PipelineStage build(Map<String, Object> p, TrainColumns cols, long seed) {
      KMeans t =
          new KMeans()
              .setFeaturesCol(cols.features())
              .setPredictionCol(cols.prediction())
              .setK(i(p, "k"))
              .setMaxIter(i(p, "max-iter"))
              .setTol(d(p, "tol"))
              .setInitMode((String) p.get("init-mode"))
              .setInitSteps(i(p, "init-steps"))
              .setDistanceMeasure((String) p.get("distance-measure"))
              .setSeed(seed);
      cols.weight().ifPresent(t::setWeightCol);
      return t;
    }
  },
  PCA_MODEL("pca", Kind.PROJECTOR, List.of(ParamSpec.ofInt("k", 1, 10_000, 2))) {
    @Override
    PipelineStage build(Map<String, Object> p, TrainColumns cols, long seed) {
      return new PCA().setInputCol(cols.features()).setOutputCol(cols.projection()).setK(i(p, "k"));
    }
  };

  /** What an algorithm learns from. */
  public enum Kind {
    CLASSIFIER,
    REGRESSOR,
    CLUSTERER,
    PROJECTOR
  }

  private final String configName;
  private final Kind kind;
  private final List<ParamSpec> params;

  Algorithm(String configName, Kind kind, List<ParamSpec> params) {
    this.configName = configName;
    this.kind = kind;
    this.params = List.copyOf(params);
  }

  abstract PipelineStage build(Map<String, Object> params, TrainColumns cols, long seed);

  /** The estimator for validated parameters, reading and writing the given columns. */
  public PipelineStage estimator(Map<String, Object> params, TrainColumns cols, long seed) {
    return build(params, cols, seed);
  }

  /** Spark's GBT classifier takes two classes only. */
  public boolean binaryOnly() {
    return false;
  }

  /** The task for a classifier with or without a positive label; fixed for the others. */
  public Task task(boolean hasPositiveLabel) {
    return switch (kind) {
      case CLASSIFIER -> hasPositiveLabel ? Task.BINARY : Task.MULTICLASS;
      case REGRESSOR -> Task.REGRESSION;
      case CLUSTERER -> Task.CLUSTERING;
      case PROJECTOR -> Task.PROJECTION;
    };
  }

  public Kind kind() {
    return kind;
  }

  public String configName() {
    return configName;
  }

  public List<ParamSpec> params() {
    return params;
  }

  public ParamSpec param(String name) {
    return params.stream()
        .filter(p -> p.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(configName + " has no parameter " + name));
  }

  public static List<String> names() {
    return Arrays.stream(values()).map(Algorithm::configName).toList();
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

  private static List<ParamSpec> treeParams(String impurity) {
    return List.of(
        ParamSpec.ofInt("max-depth", 0, 30, 5),
        ParamSpec.ofInt("max-bins", 2, 100_000, 32),
        ParamSpec.ofInt("min-instances-per-node", 1, Integer.MAX_VALUE, 1),
        ParamSpec.ofDouble("min-info-gain", 0.0, Double.MAX_VALUE, 0.0),
        impurity.equals("gini")
            ? ParamSpec.ofChoice("impurity", "gini", "entropy")
            : ParamSpec.ofChoice("impurity", "variance"));
  }

  private static List<ParamSpec> forestParams(String impurity) {
    List<ParamSpec> out = new java.util.ArrayList<>(treeParams(impurity));
    out.add(ParamSpec.ofInt("num-trees", 1, 10_000, 20));
    out.add(ParamSpec.ofDouble("subsampling-rate", 1e-6, 1.0, 1.0));
    out.add(
        ParamSpec.ofChoice("feature-subset-strategy", "auto", "all", "onethird", "sqrt", "log2"));
    return out;
  }

  private static List<ParamSpec> boostingParams(String... losses) {
    List<ParamSpec> out = new java.util.ArrayList<>(treeParams("variance"));
    out.removeIf(p -> p.name().equals("impurity"));
    out.add(ParamSpec.ofInt("max-iter", 1, 10_000, 20));
    out.add(ParamSpec.ofDouble("step-size", 1e-6, 1.0, 0.1));
    out.add(ParamSpec.ofDouble("subsampling-rate", 1e-6, 1.0, 1.0));
    out.add(
        ParamSpec.ofChoice("feature-subset-strategy", "all", "auto", "onethird", "sqrt", "log2"));
    out.add(ParamSpec.ofChoice("loss-type", losses));
    return out;
  }

  private static int i(Map<String, Object> p, String name) {
    return ((Number) p.get(name)).intValue();
  }

  private static double d(Map<String, Object> p, String name) {
    return ((Number) p.get(name)).doubleValue();
  }

  private static boolean b(Map<String, Object> p, String name) {
    return (Boolean) p.get(name);
  }
}
