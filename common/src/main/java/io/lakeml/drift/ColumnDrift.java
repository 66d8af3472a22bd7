package io.lakeml.drift;

import io.lakeml.baseline.Distribution;
import io.lakeml.ml.JsonFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How far one column of a batch moved from its baseline.
 *
 * <p>PSI (population stability index) is {@code Σ (batch% − base%) · ln(batch% / base%)} over the
 * bins, each share floored at {@value #FLOOR} so an empty bin stays finite. Numeric bins group the
 * baseline's percentile buckets into about ten of equal baseline mass; categorical bins are the
 * baseline's categories, its other, and new values; nulls are a bin of their own in both. KS is the
 * largest gap between the two cumulative distributions of the values, read at every baseline
 * percentile (so within one percentile of the exact statistic). The new-category rate is the share
 * of a batch's values that the baseline never saw.
 */
public record ColumnDrift(
    String column,
    Distribution.Kind kind,
    long rows,
    double psi,
    Double ks,
    Double newCategoryRate,
    double baselineNullRate,
    double batchNullRate,
    List<String> bins,
    List<Double> baselineShares,
    List<Double> batchShares,
    DriftStatus status,
    List<String> reasons) {
  /** Smallest share a bin counts with in the PSI. */
  public static final double FLOOR = 1e-4;

  /** Numeric PSI bins: about this many of equal baseline mass. */
  static final int PSI_BINS = 10;

  static final String NULL_BIN = "(null)";
  static final String OTHER_BIN = "(other)";
  static final String NEW_BIN = "(new)";

  /** The bins of a comparison with the baseline's and the batch's share of rows in each. */
  private record Bins(
      List<String> labels,
      List<Double> expected,
      List<Double> actual,
      Double ks,
      Double newCategoryRate) {}

  /** Compares a batch with its baseline; {@code psiAlert} is the feature or prediction limit. */
  public static ColumnDrift compare(
      Distribution base, Distribution batch, DriftConfig limits, double psiAlert) {
    Bins bins =
        base.kind() == Distribution.Kind.NUMERIC ? numeric(base, batch) : categorical(base, batch);
    bins.labels().add(NULL_BIN);
    bins.expected().add(base.nulls() / (double) Math.max(1, base.rows()));
    bins.actual().add(batch.nulls() / (double) Math.max(1, batch.rows()));
    double psi = psi(bins.expected(), bins.actual());
    List<String> reasons = new ArrayList<>();
    DriftStatus status = status(psi, bins, limits, psiAlert, reasons);
    return new ColumnDrift(
        base.column(),
        base.kind(),
        batch.rows(),
        psi,
        bins.ks(),
        bins.newCategoryRate(),
        base.nulls() / (double) Math.max(1, base.rows()),
        batch.nulls() / (double) Math.max(1, batch.rows()),
        bins.labels(),
        bins.expected(),
        bins.actual(),
        status,
        reasons);
  }

  /** Percentile buckets grouped into about {@value #PSI_BINS} bins, and the KS statistic. */
  private static Bins numeric(Distribution base, Distribution batch) {
    List<String> labels = new ArrayList<>();
    List<Double> expected = new ArrayList<>();
    List<Double> actual = new ArrayList<>();
    double baseRows = Math.max(1, base.rows());
    double batchRows = Math.max(1, batch.rows());
    for (int[] group : numericBins(base.counts())) {
      labels.add(binLabel(base.edges(), group));
      expected.add(sum(base.counts(), group) / baseRows);
      actual.add(sum(batch.counts(), group) / batchRows);
    }
    return new Bins(labels, expected, actual, ks(base.counts(), batch.counts()), null);
  }

  /** The baseline's categories, its other, and new values, with the share of new values. */
  private static Bins categorical(Distribution base, Distribution batch) {
    List<String> labels = new ArrayList<>();
    List<Double> expected = new ArrayList<>();
    List<Double> actual = new ArrayList<>();
    double baseRows = Math.max(1, base.rows());
    double batchRows = Math.max(1, batch.rows());
    long known = 0;
    for (Map.Entry<String, Long> e : base.categories().entrySet()) {
      long n = batch.categories().getOrDefault(e.getKey(), 0L);
      known += n;
      labels.add(e.getKey());
      expected.add(e.getValue() / baseRows);
      actual.add(n / batchRows);
    }
    long unseen = batch.nonNull() - known;
    if (base.other() > 0) {
      labels.add(OTHER_BIN);
      expected.add(base.other() / baseRows);
      actual.add(0.0);
    }
    labels.add(NEW_BIN);
    expected.add(0.0);
    actual.add(unseen / batchRows);
    double newRate = batch.nonNull() == 0 ? 0.0 : (double) unseen / batch.nonNull();
    return new Bins(labels, expected, actual, null, newRate);
  }

  /** The column's status against the limits, each reason for it added to {@code reasons}. */
  private static DriftStatus status(
      double psi, Bins bins, DriftConfig limits, double psiAlert, List<String> reasons) {
    DriftStatus status = DriftStatus.OK;
    if (psi >= psiAlert) {
      reasons.add(String.format("PSI %.3f >= %s", psi, psiAlert));
      status = DriftStatus.ALERT;
    }
    Double ks = bins.ks();
    if (ks != null && ks >= limits.ksAlert()) {
      reasons.add(String.format("KS %.3f >= %s", ks, limits.ksAlert()));
      status = DriftStatus.ALERT;
    }
    Double newRate = bins.newCategoryRate();
    if (newRate != null && newRate >= limits.newCategoryAlert() && newRate > 0) {
      reasons.add(
          String.format("%.1f%% new categories >= %s", newRate * 100, limits.newCategoryAlert()));
      status = DriftStatus.ALERT;
    }
    if (status == DriftStatus.OK && psi >= limits.psiWarn()) {
      reasons.add(String.format("PSI %.3f >= %s", psi, limits.psiWarn()));
      status = DriftStatus.WARN;
    }
    return status;
  }

  /** PSI of two share vectors, each share floored at {@link #FLOOR}. */
  static double psi(List<Double> expected, List<Double> actual) {
    double psi = 0;
    for (int i = 0; i < expected.size(); i++) {
      double e = Math.max(FLOOR, expected.get(i));
      double a = Math.max(FLOOR, actual.get(i));
      psi += (a - e) * Math.log(a / e);
    }
    return psi;
  }

  /** Largest gap between the cumulative shares of the values (nulls left out). */
  static Double ks(long[] base, long[] batch) {
    double nb = java.util.Arrays.stream(base).sum();
    double na = java.util.Arrays.stream(batch).sum();
    if (nb == 0 || na == 0) {
      return null;
    }
    double cb = 0;
    double ca = 0;
    double max = 0;
    for (int i = 0; i < base.length; i++) {
      cb += base[i];
      ca += batch[i];
      max = Math.max(max, Math.abs(cb / nb - ca / na));
    }
    return max;
  }

  /**
   * Groups consecutive percentile buckets into about {@value #PSI_BINS} bins of equal baseline
   * mass: a bin closes where the cumulative mass reaches the next tenth (a heavy bucket, a value
   * most rows share, closes its own bin and skips the tenths it covers); a remainder of less than
   * half a tenth joins the last bin. Each group is {from, to}, inclusive.
   */
  static List<int[]> numericBins(long[] counts) {
    double total = java.util.Arrays.stream(counts).sum();
    double step = total / PSI_BINS;
    double slack = 1e-9 * Math.max(1.0, total);
    List<int[]> groups = new ArrayList<>();
    int start = 0;
    int next = 1;
    double cum = 0;
    double closedAt = 0;
    for (int i = 0; i < counts.length; i++) {
      cum += counts[i];
      if (total > 0 && cum >= next * step - slack) {
        groups.add(new int[] {start, i});
        start = i + 1;
        closedAt = cum;
        next = (int) Math.floor(cum / step + 1e-9) + 1;
      }
    }
    if (start < counts.length) {
      if (groups.isEmpty() || total - closedAt >= step / 2) {
        groups.add(new int[] {start, counts.length - 1});
      } else {
        groups.get(groups.size() - 1)[1] = counts.length - 1;
      }
    }
    return groups;
  }

  private static double sum(long[] counts, int[] group) {
    long s = 0;
    for (int i = group[0]; i <= group[1]; i++) {
      s += counts[i];
    }
    return s;
  }

  private static String binLabel(double[] edges, int[] group) {
    String from = group[0] == 0 ? "-inf" : fmt(edges[group[0] - 1]);
    String to = group[1] >= edges.length ? "+inf" : fmt(edges[group[1]]);
    return "(" + from + ", " + to + "]";
  }

  private static String fmt(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15
        ? Long.toString((long) v)
        : String.format(java.util.Locale.ROOT, "%.4g", v);
  }

  /** The result as JSON-ready maps. */
  public Map<String, Object> toMap() {
    return JsonFields.object(
        "column", column,
        "kind", kind.name().toLowerCase(java.util.Locale.ROOT),
        "status", status.configName(),
        "psi", psi,
        "ks", ks,
        "new_category_rate", newCategoryRate,
        "baseline_null_rate", baselineNullRate,
        "batch_null_rate", batchNullRate,
        "rows", rows,
        "reasons", reasons,
        "bins", bins,
        "baseline_shares", baselineShares,
        "batch_shares", batchShares);
  }
}
