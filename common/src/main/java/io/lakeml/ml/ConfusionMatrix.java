package io.lakeml.ml;

import java.util.Map;

/**
 * Counts of a binary decision against the truth, and the rates derived from them. A rate whose
 * denominator is zero is NaN, not 0, so "no positives predicted" is never reported as precision 0.
 */
public record ConfusionMatrix(long tp, long fp, long fn, long tn) {
  public ConfusionMatrix {
    if (tp < 0 || fp < 0 || fn < 0 || tn < 0) {
      throw new IllegalArgumentException(
          String.format("counts must be >= 0, got: tp=%d fp=%d fn=%d tn=%d", tp, fp, fn, tn));
    }
  }

  public long total() {
    return tp + fp + fn + tn;
  }

  public double accuracy() {
    return ratio(tp + tn, total());
  }

  /** Of the rows flagged positive, the share that are. */
  public double precision() {
    return ratio(tp, tp + fp);
  }

  /** Sensitivity: of the positive rows, the share flagged. */
  public double recall() {
    return ratio(tp, tp + fn);
  }

  /** Of the negative rows, the share left alone. */
  public double specificity() {
    return ratio(tn, tn + fp);
  }

  public double f1() {
    return fBeta(1.0);
  }

  /** F-beta: recall weighted beta times as much as precision (beta = 2 favours catching). */
  public double fBeta(double beta) {
    double p = precision();
    double r = recall();
    if (Double.isNaN(p) || Double.isNaN(r)) {
      return Double.NaN;
    }
    double b2 = beta * beta;
    return p + r == 0 ? 0.0 : (1 + b2) * p * r / (b2 * p + r);
  }

  /** False-positive rate: of the negative rows, the share flagged (1 - specificity). */
  public double falsePositiveRate() {
    return ratio(fp, fp + tn);
  }

  /**
   * The cost of the errors when a false positive costs {@code fpCost} and a miss {@code fnCost}.
   */
  public double cost(double fpCost, double fnCost) {
    return fp * fpCost + fn * fnCost;
  }

  public Map<String, Object> toMap() {
    return JsonFields.object(
        "tp", tp,
        "fp", fp,
        "fn", fn,
        "tn", tn);
  }

  private static double ratio(long a, long b) {
    return b == 0 ? Double.NaN : (double) a / b;
  }
}
