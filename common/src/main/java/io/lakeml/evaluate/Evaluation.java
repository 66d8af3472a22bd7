package io.lakeml.evaluate;

import io.lakeml.train.Task;
import io.lakeml.train.TrainColumns;
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
 * The metrics of a fitted model on scored rows, for each task, as JSON-ready maps computed
 * distributed. Names are those of {@link Metric} plus detail (confusion matrices, per-class
 * figures, cluster sizes). Callers cache the scored rows: several passes read them.
 */
public final class Evaluation {
  private Evaluation() {}

  /**
   * Every metric of the task on {@code scored} (the output of {@code model.transform} with a
   * {@value TrainColumns#LABEL} column where the task has one).
   *
   * @param classes the class names, by index, for classification (unused otherwise)
   * @param threshold the decision threshold on the positive probability, for binary tasks
   */
  public static Map<String, Object> metrics(
      Task task, Dataset<Row> scored, PipelineModel model, List<String> classes, double threshold) {
    return switch (task) {
      case BINARY -> BinaryEvaluation.metrics(scored, threshold);
      case MULTICLASS -> multiclass(scored, classes);
      case REGRESSION -> regression(scored);
      case CLUSTERING -> clustering(scored, lastStage(model, KMeansModel.class));
      case PROJECTION -> projection(lastStage(model, PCAModel.class), scored.count());
    };
  }

  static Map<String, Object> multiclass(Dataset<Row> scored, List<String> classes) {
    MulticlassClassificationEvaluator e =
        new MulticlassClassificationEvaluator()
            .setLabelCol(TrainColumns.LABEL)
            .setPredictionCol(TrainColumns.PREDICTION)
            .setProbabilityCol(TrainColumns.PROBABILITY);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rows", scored.count());
    m.put("accuracy", e.setMetricName("accuracy").evaluate(scored));
    m.put("f1", e.setMetricName("f1").evaluate(scored));
    m.put("weighted_precision", e.setMetricName("weightedPrecision").evaluate(scored));
    m.put("weighted_recall", e.setMetricName("weightedRecall").evaluate(scored));
    m.put("log_loss", e.setMetricName("logLoss").evaluate(scored));
    Map<String, Object> perClass = new LinkedHashMap<>();
    for (int i = 0; i < classes.size(); i++) {
      Map<String, Object> c = new LinkedHashMap<>();
      e.setMetricLabel(i);
      c.put("precision", e.setMetricName("precisionByLabel").evaluate(scored));
      c.put("recall", e.setMetricName("recallByLabel").evaluate(scored));
      c.put("f1", e.setMetricName("fMeasureByLabel").evaluate(scored));
      perClass.put(classes.get(i), c);
    }
    m.put("per_class", perClass);
    m.put("confusion_matrix", confusion(scored, classes));
    return m;
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
        scored.groupBy(TrainColumns.LABEL, TrainColumns.PREDICTION).count().collectAsList()) {
      String actual = classes.get((int) r.getDouble(0));
      String predicted = classes.get((int) r.getDouble(1));
      out.get(actual).put(predicted, r.getLong(2));
    }
    return out;
  }

  /** RMSE, MAE, R², MAPE (over rows whose label is not 0) and explained variance, in one pass. */
  static Map<String, Object> regression(Dataset<Row> scored) {
    var y = functions.col(TrainColumns.LABEL);
    var err = y.minus(functions.col(TrainColumns.PREDICTION));
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
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rows", r.getLong(0));
    m.put("rmse", Math.sqrt(mse));
    m.put("mae", r.getDouble(2));
    m.put("r2", 1.0 - mse / varY);
    m.put("mape", r.isNullAt(5) ? Double.NaN : r.getDouble(5));
    m.put("explained_variance", 1.0 - r.getDouble(4) / varY);
    return m;
  }

  /** Silhouette (squared Euclidean, as Spark computes it), within-cluster sum of squares, sizes. */
  static Map<String, Object> clustering(Dataset<Row> scored, KMeansModel kmeans) {
    Vector[] centers = kmeans.clusterCenters();
    double wcss =
        scored
            .select(TrainColumns.FEATURES, TrainColumns.PREDICTION)
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
    for (Row r : scored.groupBy(TrainColumns.PREDICTION).count().collectAsList()) {
      sizes.put(Integer.toString(((Number) r.get(0)).intValue()), r.getLong(1));
      rows += r.getLong(1);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rows", rows);
    m.put("k", centers.length);
    m.put(
        "silhouette",
        new ClusteringEvaluator()
            .setFeaturesCol(TrainColumns.FEATURES)
            .setPredictionCol(TrainColumns.PREDICTION)
            .evaluate(scored));
    m.put("wcss", wcss);
    m.put("cluster_sizes", sizes);
    return m;
  }

  /** The share of variance each component explains, and cumulatively; their sum as the metric. */
  static Map<String, Object> projection(PCAModel pca, long rows) {
    double[] shares = pca.explainedVariance().toArray();
    List<Double> each = new ArrayList<>();
    List<Double> cumulative = new ArrayList<>();
    double sum = 0;
    for (double s : shares) {
      sum += s;
      each.add(s);
      cumulative.add(sum);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rows", rows);
    m.put("k", shares.length);
    m.put("explained_variance", sum);
    m.put("explained_variance_by_component", each);
    m.put("cumulative_explained_variance", cumulative);
    return m;
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
