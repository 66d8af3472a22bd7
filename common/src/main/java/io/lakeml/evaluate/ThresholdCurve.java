package io.lakeml.evaluate;

import io.lakeml.train.TrainColumns;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * The confusion matrix at every threshold: one point per distinct score (a row is flagged when its
 * score is at or above the threshold), highest threshold first, plus a last point that flags
 * nothing. Computed distributed: one aggregation of positives and negatives per score, collected.
 * More than {@value #MAX_POINTS} distinct scores are rounded to 1e-4 first, so the curve stays
 * small whatever the data size (the AUCs are computed exactly elsewhere).
 */
public final class ThresholdCurve {
  static final int MAX_POINTS = 10_000;

  /** One threshold and its counts. */
  public record Point(double threshold, ConfusionMatrix counts) {}

  private final List<Point> points;
  private final long positives;
  private final long negatives;

  private ThresholdCurve(List<Point> points, long positives, long negatives) {
    this.points = List.copyOf(points);
    this.positives = positives;
    this.negatives = negatives;
  }

  /** From scored rows with {@value TrainColumns#LABEL} 0/1 and {@link BinaryEvaluation#SCORE}. */
  public static ThresholdCurve of(Dataset<Row> scored) {
    Column score = functions.col(BinaryEvaluation.SCORE);
    long distinct = scored.select(score).distinct().limit(MAX_POINTS + 1).count();
    Column key = distinct > MAX_POINTS ? functions.round(score, 4) : score;
    List<Row> rows =
        scored
            .groupBy(key.as("s"))
            .agg(
                functions.sum(functions.col(TrainColumns.LABEL)).cast("long"),
                functions.count(functions.lit(1)))
            .orderBy(functions.desc("s"))
            .collectAsList();
    long pos = 0;
    long total = 0;
    for (Row r : rows) {
      pos += r.getLong(1);
      total += r.getLong(2);
    }
    long neg = total - pos;
    List<Point> points = new ArrayList<>();
    long tp = 0;
    long fp = 0;
    for (Row r : rows) {
      tp += r.getLong(1);
      fp += r.getLong(2) - r.getLong(1);
      points.add(new Point(r.getDouble(0), new ConfusionMatrix(tp, fp, pos - tp, neg - fp)));
    }
    double top = rows.isEmpty() ? 1.0 : rows.get(0).getDouble(0);
    points.add(0, new Point(Math.nextUp(top), new ConfusionMatrix(0, 0, pos, neg)));
    return new ThresholdCurve(points, pos, neg);
  }

  /** Highest threshold first; the first point flags nothing, the last flags every row. */
  public List<Point> points() {
    return points;
  }

  public long positives() {
    return positives;
  }

  public long negatives() {
    return negatives;
  }

  /** The counts at a threshold: the point of the lowest listed threshold at or above it. */
  public ConfusionMatrix at(double threshold) {
    Point chosen = points.get(0);
    for (Point p : points) {
      if (p.threshold() >= threshold) {
        chosen = p;
      }
    }
    return chosen.counts();
  }

  /** The counts and main rates at a threshold, as a JSON-ready row. */
  static Map<String, Object> row(double threshold, ConfusionMatrix c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("threshold", threshold);
    m.put("tp", c.tp());
    m.put("fp", c.fp());
    m.put("fn", c.fn());
    m.put("tn", c.tn());
    m.put("precision", c.precision());
    m.put("recall", c.recall());
    m.put("specificity", c.specificity());
    return m;
  }

  /**
   * Every metric at every threshold, as rows for the metrics JSON and the charts; the share of rows
   * flagged, cumulative gain (= recall) and lift included.
   */
  public List<Map<String, Object>> table(double beta, double fpCost, double fnCost) {
    List<Map<String, Object>> out = new ArrayList<>();
    double n = positives + negatives;
    for (Point p : points) {
      ConfusionMatrix c = p.counts();
      Map<String, Object> m = row(p.threshold(), c);
      m.put("fpr", c.falsePositiveRate());
      m.put("f1", c.f1());
      m.put("f_beta", c.fBeta(beta));
      m.put("accuracy", c.accuracy());
      double flagged = (c.tp() + c.fp()) / n;
      m.put("flagged_share", flagged);
      m.put("lift", flagged == 0 ? Double.NaN : c.recall() / flagged);
      m.put("cost", c.cost(fpCost, fnCost));
      out.add(m);
    }
    return out;
  }
}
