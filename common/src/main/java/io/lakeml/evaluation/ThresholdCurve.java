package io.lakeml.evaluation;

import io.lakeml.ml.ConfusionMatrix;
import io.lakeml.ml.DataQualityException;
import io.lakeml.ml.JsonFields;
import io.lakeml.ml.ModelColumns;
import io.lakeml.model.ThresholdPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

  /**
   * Every rate at one threshold, as the metrics JSON and the charts use them: the counts, the
   * rates, the share of rows flagged, the lift over the base rate and the cost of the errors.
   */
  public record Rates(
      double threshold,
      ConfusionMatrix counts,
      double fBeta,
      double flaggedShare,
      double lift,
      double cost) {
    public double precision() {
      return counts.precision();
    }

    public double recall() {
      return counts.recall();
    }

    public double specificity() {
      return counts.specificity();
    }

    public double f1() {
      return counts.f1();
    }

    public double fpr() {
      return counts.falsePositiveRate();
    }

    public Map<String, Object> toMap() {
      Map<String, Object> m = basics(threshold, counts);
      m.put("fpr", counts.falsePositiveRate());
      m.put("f1", counts.f1());
      m.put("f_beta", fBeta);
      m.put("accuracy", counts.accuracy());
      m.put("flagged_share", flaggedShare);
      m.put("lift", lift);
      m.put("cost", cost);
      return m;
    }
  }

  /** The chosen threshold and why. */
  public record Choice(double threshold, String reason) {}

  private final List<Point> points;
  private final long positives;
  private final long negatives;

  private ThresholdCurve(List<Point> points, long positives, long negatives) {
    this.points = List.copyOf(points);
    this.positives = positives;
    this.negatives = negatives;
  }

  /** From scored rows with {@value ModelColumns#LABEL} 0/1 and {@link BinaryEvaluation#SCORE}. */
  public static ThresholdCurve of(Dataset<Row> scored) {
    Column score = functions.col(BinaryEvaluation.SCORE);
    long distinct = scored.select(score).distinct().limit(MAX_POINTS + 1).count();
    Column key = distinct > MAX_POINTS ? functions.round(score, 4) : score;
    List<Row> rows =
        scored
            .groupBy(key.as("s"))
            .agg(
                functions.sum(functions.col(ModelColumns.LABEL)).cast("long"),
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
  public static Map<String, Object> basics(double threshold, ConfusionMatrix c) {
    return JsonFields.object(
        "threshold", threshold,
        "tp", c.tp(),
        "fp", c.fp(),
        "fn", c.fn(),
        "tn", c.tn(),
        "precision", c.precision(),
        "recall", c.recall(),
        "specificity", c.specificity());
  }

  /**
   * Every rate at every threshold; the share of rows flagged, cumulative gain (= recall) and lift
   * included.
   */
  public List<Rates> table(double beta, double fpCost, double fnCost) {
    List<Rates> out = new ArrayList<>();
    double n = positives + negatives;
    for (Point p : points) {
      ConfusionMatrix c = p.counts();
      double flagged = (c.tp() + c.fp()) / n;
      out.add(
          new Rates(
              p.threshold(),
              c,
              c.fBeta(beta),
              flagged,
              flagged == 0 ? Double.NaN : c.recall() / flagged,
              c.cost(fpCost, fnCost)));
    }
    return out;
  }

  /**
   * Chooses a threshold on this curve by a policy (on validation rows where the model has them).
   */
  public Choice choose(ThresholdPolicy policy, double beta) {
    if (policy.kind() == ThresholdPolicy.Kind.FIXED) {
      return new Choice(policy.value(), "fixed threshold");
    }
    Point best = null;
    double bestValue = Double.NEGATIVE_INFINITY;
    // Rate floors with "most positives caught" keep the lowest qualifying threshold on ties.
    boolean preferLower =
        policy.kind() == ThresholdPolicy.Kind.MIN_SPECIFICITY
            || policy.kind() == ThresholdPolicy.Kind.MIN_PRECISION;
    for (Point p : points) {
      double v = score(policy, p.counts(), beta);
      if (Double.isNaN(v)) {
        continue;
      }
      if (best == null || v > bestValue || (preferLower && v == bestValue)) {
        best = p;
        bestValue = v;
      }
    }
    if (best == null) {
      throw new DataQualityException(
          String.format(
              Locale.ROOT,
              "evaluate.threshold: no threshold reaches %s >= %s on these rows; lower the target"
                  + " or improve the model",
              policy.kind().configName().substring(4),
              policy.value()));
    }
    return new Choice(best.threshold(), reason(policy, best.counts()));
  }

  /**
   * How good a point is for a policy, higher better; NaN where it does not qualify. Points run from
   * high to low threshold, so for {@code min-recall} the first qualifying one (the highest
   * threshold, fewest false alarms) wins.
   */
  private static double score(ThresholdPolicy policy, ConfusionMatrix c, double beta) {
    return switch (policy.kind()) {
      case FIXED -> Double.NaN;
      case MAX_F1 -> c.f1();
      case MAX_F_BETA -> c.fBeta(beta);
      case MIN_RECALL -> c.recall() >= policy.value() ? 1.0 : Double.NaN;
      case MIN_SPECIFICITY -> c.specificity() >= policy.value() ? c.recall() : Double.NaN;
      case MIN_PRECISION -> c.precision() >= policy.value() ? c.recall() : Double.NaN;
      case MIN_COST -> -c.cost(policy.fpCost(), policy.fnCost());
    };
  }

  private static String reason(ThresholdPolicy policy, ConfusionMatrix c) {
    return String.format(
        Locale.ROOT,
        "%s: precision %.3f, recall %.3f, specificity %.3f (tp %d, fp %d, fn %d, tn %d)",
        policy.describe(),
        c.precision(),
        c.recall(),
        c.specificity(),
        c.tp(),
        c.fp(),
        c.fn(),
        c.tn());
  }
}
