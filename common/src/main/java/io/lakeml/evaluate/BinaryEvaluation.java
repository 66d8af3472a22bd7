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

  /** Every metric, as JSON-ready maps; {@code scored} should be cached by the caller. */
  public static Map<String, Object> metrics(Dataset<Row> predictions, double threshold) {
    Dataset<Row> scored =
        predictions.withColumn(SCORE, positiveProbability(TrainColumns.PROBABILITY));
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
    m.put("roc_auc", evaluator.setMetricName("areaUnderROC").evaluate(scored));
    m.put("pr_auc", evaluator.setMetricName("areaUnderPR").evaluate(scored));
    return m;
  }

  private static Column count(Column condition) {
    return functions
        .coalesce(functions.sum(functions.when(condition, 1L).otherwise(0L)), functions.lit(0L))
        .cast("long");
  }
}
