package io.lakeml.evaluate;

import java.util.LinkedHashMap;
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
    double p = precision();
    double r = recall();
    return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
  }

  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("tp", tp);
    m.put("fp", fp);
    m.put("fn", fn);
    m.put("tn", tn);
    return m;
  }

  private static double ratio(long a, long b) {
    return b == 0 ? Double.NaN : (double) a / b;
  }
}
