package io.lakeml.evaluate;

import io.lakeml.train.TrainColumns;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Binary-classification metrics computed distributed on scored rows ({@value TrainColumns#LABEL}
 * 0/1 and {@value TrainColumns#PROBABILITY}): the confusion matrix at a decision threshold and the
 * rates from it, and ROC and PR AUC over all thresholds.
 */
public final class BinaryEvaluation {
  public static final String SCORE = "_score";

  private BinaryEvaluation() {}

  /** The probability of the positive class as a plain double column. */
  public static Column positiveProbability(String probabilityCol) {
    return org.apache
        .spark
        .ml
        .functions
        .vector_to_array(functions.col(probabilityCol), "float64")
        .getItem(1);
  }

  public static ConfusionMatrix confusion(Dataset<Row> scored, double threshold) {
    Column positive = functions.col(TrainColumns.LABEL).equalTo(1.0);
    Column flagged = functions.col(SCORE).geq(threshold);
    Row r =
        scored
            .agg(
                count(positive.and(flagged)),
                count(functions.not(positive).and(flagged)),
                count(positive.and(functions.not(flagged))),
                count(functions.not(positive).and(functions.not(flagged))))
            .first();
    return new ConfusionMatrix(r.getLong(0), r.getLong(1), r.getLong(2), r.getLong(3));
  }

  /** Every metric, F-beta with beta 2; {@code predictions} should be cached by the caller. */
  public static Map<String, Object> metrics(Dataset<Row> predictions, double threshold) {
    return metrics(predictions, threshold, 2.0);
  }

  /** The scored rows with the positive probability as the plain column {@value #SCORE}. */
  public static Dataset<Row> withScore(Dataset<Row> predictions) {
    return predictions.withColumn(SCORE, positiveProbability(TrainColumns.PROBABILITY));
  }

  /** Every metric, as JSON-ready maps; {@code predictions} should be cached by the caller. */
  public static Map<String, Object> metrics(
      Dataset<Row> predictions, double threshold, double beta) {
    Dataset<Row> scored = withScore(predictions);
    ConfusionMatrix cm = confusion(scored, threshold);
    BinaryClassificationEvaluator evaluator =
        new BinaryClassificationEvaluator()
            .setLabelCol(TrainColumns.LABEL)
            .setRawPredictionCol(SCORE);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rows", cm.total());
    m.put("threshold", threshold);
    m.put("confusion_matrix", cm.toMap());
    m.put("accuracy", cm.accuracy());
    m.put("precision", cm.precision());
    m.put("recall", cm.recall());
    m.put("specificity", cm.specificity());
    m.put("f1", cm.f1());
    m.put("beta", beta);
    m.put("f_beta", cm.fBeta(beta));
    m.put("roc_auc", evaluator.setMetricName("areaUnderROC").evaluate(scored));
    m.put("pr_auc", evaluator.setMetricName("areaUnderPR").evaluate(scored));
    Column p = functions.col(SCORE);
    Column y = functions.col(TrainColumns.LABEL);
    // Probabilities are clipped away from 0 and 1 as scikit-learn does, so one confident
    // mistake gives a large but finite log loss.
    Column clipped =
        functions.greatest(functions.lit(1e-15), functions.least(p, functions.lit(1 - 1e-15)));
    Row r =
        scored
            .agg(
                functions.avg(
                    functions.negate(
                        y.multiply(functions.log(clipped))
                            .plus(
                                functions
                                    .lit(1.0)
                                    .minus(y)
                                    .multiply(functions.log(functions.lit(1.0).minus(clipped)))))),
                functions.avg(functions.pow(p.minus(y), 2)))
            .first();
    m.put("log_loss", r.isNullAt(0) ? Double.NaN : r.getDouble(0));
    m.put("brier", r.isNullAt(1) ? Double.NaN : r.getDouble(1));
    return m;
  }

  /**
   * Calibration: rows binned by predicted probability into {@code bins} equal-width bins; per bin,
   * the rows, the mean predicted probability and the observed share of positives.
   */
  public static java.util.List<Map<String, Object>> calibration(Dataset<Row> scored, int bins) {
    Column bin =
        functions.least(
            functions.floor(functions.col(SCORE).multiply(bins)), functions.lit(bins - 1));
    java.util.List<Map<String, Object>> out = new java.util.ArrayList<>();
    for (Row r :
        scored
            .groupBy(bin.as("bin"))
            .agg(
                functions.count(functions.lit(1)),
                functions.avg(SCORE),
                functions.avg(functions.col(TrainColumns.LABEL)))
            .orderBy("bin")
            .collectAsList()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("bin", r.getLong(0));
      m.put("rows", r.getLong(1));
      m.put("mean_predicted", r.getDouble(2));
      m.put("observed_rate", r.getDouble(3));
      out.add(m);
    }
    return out;
  }

  private static Column count(Column condition) {
    return functions
        .coalesce(functions.sum(functions.when(condition, 1L).otherwise(0L)), functions.lit(0L))
        .cast("long");
  }
}
