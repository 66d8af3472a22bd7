package io.lakeml.evaluation;

import io.lakeml.ml.Metrics;
import io.lakeml.ml.ModelColumns;
import io.lakeml.ml.Task;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.ml.evaluation.ClusteringEvaluator;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.PCAModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * The metrics of a fitted model on scored rows, for each task, computed distributed. Callers cache
 * the scored rows ({@link ScoredRows} does): several passes read them.
 */
public final class Evaluation {
  private Evaluation() {}

  /**
   * Every metric of the task on {@code scored} (the output of {@code model.transform} with a
   * {@value ModelColumns#LABEL} column where the task has one).
   *
   * @param classes the class names, by index, for classification (unused otherwise)
   * @param threshold the decision threshold on the positive probability, for binary tasks
   * @param beta the beta of the F-beta score, for binary tasks
   */
  public static Metrics metrics(
      Task task,
      Dataset<Row> scored,
      PipelineModel model,
      List<String> classes,
      double threshold,
      double beta) {
    return switch (task) {
      case BINARY -> BinaryEvaluation.metrics(scored, threshold, beta);
      case MULTICLASS -> multiclass(scored, classes);
      case REGRESSION -> regression(scored);
      case CLUSTERING -> clustering(scored, lastStage(model, KMeansModel.class));
      case PROJECTION -> projection(lastStage(model, PCAModel.class), scored.count());
    };
  }

  static Metrics.Multiclass multiclass(Dataset<Row> scored, List<String> classes) {
    MulticlassClassificationEvaluator e =
        new MulticlassClassificationEvaluator()
            .setLabelCol(ModelColumns.LABEL)
            .setPredictionCol(ModelColumns.PREDICTION)
            .setProbabilityCol(ModelColumns.PROBABILITY);
    long rows = scored.count();
    double accuracy = e.setMetricName("accuracy").evaluate(scored);
    double f1 = e.setMetricName("f1").evaluate(scored);
    double weightedPrecision = e.setMetricName("weightedPrecision").evaluate(scored);
    double weightedRecall = e.setMetricName("weightedRecall").evaluate(scored);
    double logLoss = e.setMetricName("logLoss").evaluate(scored);
    Map<String, Metrics.ClassMetrics> perClass = new LinkedHashMap<>();
    for (int i = 0; i < classes.size(); i++) {
      e.setMetricLabel(i);
      perClass.put(
          classes.get(i),
          new Metrics.ClassMetrics(
              e.setMetricName("precisionByLabel").evaluate(scored),
              e.setMetricName("recallByLabel").evaluate(scored),
              e.setMetricName("fMeasureByLabel").evaluate(scored)));
    }
    return new Metrics.Multiclass(
        rows,
        accuracy,
        f1,
        weightedPrecision,
        weightedRecall,
        logLoss,
        perClass,
        confusion(scored, classes));
  }

  /** Rows: actual class; columns: predicted class; every pair present, zeros included. */
  static Map<String, Map<String, Long>> confusion(Dataset<Row> scored, List<String> classes) {
    Map<String, Map<String, Long>> out = new LinkedHashMap<>();
    for (String actual : classes) {
      Map<String, Long> row = new LinkedHashMap<>();
      classes.forEach(p -> row.put(p, 0L));
      out.put(actual, row);
    }
    for (Row r :
        scored.groupBy(ModelColumns.LABEL, ModelColumns.PREDICTION).count().collectAsList()) {
      String actual = classes.get((int) r.getDouble(0));
      String predicted = classes.get((int) r.getDouble(1));
      out.get(actual).put(predicted, r.getLong(2));
    }
    return out;
  }

  /** RMSE, MAE, R², MAPE (over rows whose label is not 0) and explained variance, in one pass. */
  static Metrics.Regression regression(Dataset<Row> scored) {
    var y = functions.col(ModelColumns.LABEL);
    var err = y.minus(functions.col(ModelColumns.PREDICTION));
    Row r =
        scored
            .agg(
                functions.count(functions.lit(1)),
                functions.avg(err.multiply(err)),
                functions.avg(functions.abs(err)),
                functions.var_pop(y),
                functions.var_pop(err),
                functions.avg(functions.when(y.notEqual(0), functions.abs(err.divide(y)))))
            .first();
    double mse = r.getDouble(1);
    double varY = r.getDouble(3);
    return new Metrics.Regression(
        r.getLong(0),
        Math.sqrt(mse),
        r.getDouble(2),
        1.0 - mse / varY,
        r.isNullAt(5) ? Double.NaN : r.getDouble(5),
        1.0 - r.getDouble(4) / varY);
  }

  /** Silhouette (squared Euclidean, as Spark computes it), within-cluster sum of squares, sizes. */
  static Metrics.Clustering clustering(Dataset<Row> scored, KMeansModel kmeans) {
    Vector[] centers = kmeans.clusterCenters();
    double wcss =
        scored
            .select(ModelColumns.FEATURES, ModelColumns.PREDICTION)
            .map(
                (org.apache.spark.api.java.function.MapFunction<Row, Double>)
                    row ->
                        Vectors.sqdist(
                            (Vector) row.get(0), centers[((Number) row.get(1)).intValue()]),
                Encoders.DOUBLE())
            .agg(functions.sum("value"))
            .first()
            .getDouble(0);
    Map<String, Long> sizes = new TreeMap<>();
    for (int i = 0; i < centers.length; i++) {
      sizes.put(Integer.toString(i), 0L);
    }
    long rows = 0;
    for (Row r : scored.groupBy(ModelColumns.PREDICTION).count().collectAsList()) {
      sizes.put(Integer.toString(((Number) r.get(0)).intValue()), r.getLong(1));
      rows += r.getLong(1);
    }
    double silhouette =
        new ClusteringEvaluator()
            .setFeaturesCol(ModelColumns.FEATURES)
            .setPredictionCol(ModelColumns.PREDICTION)
            .evaluate(scored);
    return new Metrics.Clustering(rows, centers.length, silhouette, wcss, sizes);
  }

  /** The share of variance each component explains, and cumulatively; their sum as the metric. */
  static Metrics.Projection projection(PCAModel pca, long rows) {
    double[] shares = pca.explainedVariance().toArray();
    List<Double> each = new ArrayList<>();
    List<Double> cumulative = new ArrayList<>();
    double sum = 0;
    for (double s : shares) {
      sum += s;
      each.add(s);
      cumulative.add(sum);
    }
    return new Metrics.Projection(rows, shares.length, each, cumulative);
  }

  /** The model's final stage (the estimator's fitted model), checked to be of the given type. */
  public static <T extends Transformer> T lastStage(PipelineModel model, Class<T> type) {
    Transformer last = model.stages()[model.stages().length - 1];
    if (!type.isInstance(last)) {
      throw new IllegalArgumentException(
          "expected a " + type.getSimpleName() + " last, got: " + last.getClass().getSimpleName());
    }
    return type.cast(last);
  }
}
