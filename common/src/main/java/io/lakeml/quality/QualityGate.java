package io.lakeml.quality;

import io.lakeml.lake.FileColumnStats;
import io.lakeml.sql.Identifiers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

/**
 * Decides whether a staged day may be published: evaluates {@code quality.checks} on what ingest
 * measured while writing the day ({@link DayMeasures}), on the published day before it ({@link
 * QualityHistory}) and, for {@code unique}, on Deequ's verification of the staged rows.
 *
 * <p>Checks that need a computation over the rows (allowed values, mean, standard deviation) hand
 * ingest an aggregate each, which it adds to the observation of its one pass over the day.
 */
public final class QualityGate {
  private final List<QualityCheck> checks;

  public QualityGate(List<QualityCheck> checks) {
    this.checks = List.copyOf(checks);
  }

  /** The name under which the aggregate of check {@code i} is observed. */
  public static String aggregateName(int i) {
    return "check_" + i;
  }

  /**
   * One aggregate per check that needs the rows, over the rows where {@code accepted} holds: the
   * share of allowed values, the mean, the population standard deviation.
   */
  public List<Column> aggregates(Column accepted) {
    List<Column> out = new ArrayList<>();
    for (int i = 0; i < checks.size(); i++) {
      QualityCheck c = checks.get(i);
      Optional<Column> value = c.column().map(n -> functions.col(Identifiers.quote(n)));
      Column agg =
          switch (c.kind()) {
            case ALLOWED_VALUES ->
                functions.sum(
                    functions
                        .when(
                            accepted.and(
                                value
                                    .get()
                                    .isNull()
                                    .or(value.get().cast("string").isin(c.values().toArray()))),
                            1L)
                        .otherwise(0L));
            case MEAN -> functions.avg(functions.when(accepted, value.get().cast("double")));
            case STDDEV ->
                functions.stddev_pop(functions.when(accepted, value.get().cast("double")));
            default -> null;
          };
      if (agg != null) {
        out.add(agg.as(aggregateName(i)));
      }
    }
    return out;
  }

  /** The checks Deequ decides on the staged rows: uniqueness needs every value of the column. */
  public List<QualityCheck> uniqueChecks() {
    return checks.stream().filter(c -> c.kind() == QualityCheck.Kind.UNIQUE).toList();
  }

  /**
   * Every check's outcome.
   *
   * @param previous the latest published day before this one
   * @param unique the outcomes Deequ decided for {@link #uniqueChecks}
   */
  public List<CheckOutcome> evaluate(
      DayMeasures m, Optional<QualityHistory.Day> previous, List<CheckOutcome> unique) {
    List<CheckOutcome> out = new ArrayList<>();
    for (int i = 0; i < checks.size(); i++) {
      QualityCheck c = checks.get(i);
      if (c.kind() == QualityCheck.Kind.UNIQUE) {
        continue;
      }
      out.add(c.kind().comparesHistory() ? change(c, m, previous) : bounded(c, value(c, i, m), m));
    }
    out.addAll(unique);
    return out;
  }

  private static double value(QualityCheck c, int i, DayMeasures m) {
    Object observed = m.observed().get(aggregateName(i));
    return switch (c.kind()) {
      case ROW_COUNT -> m.accepted();
      case COMPLETENESS -> m.completeness(c.column().orElseThrow());
      case ALLOWED_VALUES ->
          m.accepted() == 0 ? Double.NaN : number(observed) / (double) m.accepted();
      case MEAN, STDDEV -> number(observed);
      case QUARANTINE_RATIO -> m.read() == 0 ? 0.0 : (double) m.quarantined() / m.read();
      default -> throw new IllegalArgumentException("not a bounded check: " + c.describe());
    };
  }

  private static CheckOutcome bounded(QualityCheck c, double actual, DayMeasures m) {
    OptionalDouble min =
        c.kind() == QualityCheck.Kind.ALLOWED_VALUES
            ? OptionalDouble.of(c.min().orElse(1.0))
            : c.min();
    OptionalDouble max = c.max();
    boolean ok =
        !Double.isNaN(actual)
            && (min.isEmpty() || actual >= min.getAsDouble())
            && (max.isEmpty() || actual <= max.getAsDouble());
    String message = ok ? "ok" : failure(c, actual, min, max, m);
    return new CheckOutcome(
        c.describe(), c.level(), ok, Double.isNaN(actual) ? null : actual, message);
  }

  private static String failure(
      QualityCheck c, double actual, OptionalDouble min, OptionalDouble max, DayMeasures m) {
    String expected = expected(min, max);
    return switch (c.kind()) {
      case QUARANTINE_RATIO ->
          String.format(
              Locale.ROOT,
              "quarantine-ratio: %d of %d rows quarantined (%.4f), expected %s",
              m.quarantined(),
              m.read(),
              actual,
              expected);
      case ROW_COUNT ->
          String.format(
              Locale.ROOT, "row-count: %d rows accepted, expected %s", m.accepted(), expected);
      default ->
          Double.isNaN(actual)
              ? c.describe() + ": no accepted rows to measure, expected " + expected
              : String.format(
                  Locale.ROOT, "%s: %s, expected %s", c.describe(), fmt(actual), expected);
    };
  }

  /** A {@code *-change} check against the latest earlier published day. */
  private static CheckOutcome change(
      QualityCheck c, DayMeasures m, Optional<QualityHistory.Day> previous) {
    if (previous.isEmpty()) {
      return new CheckOutcome(
          c.describe(), c.level(), true, null, "no earlier published day to compare with");
    }
    QualityHistory.Day p = previous.get();
    double before;
    double now;
    if (c.kind() == QualityCheck.Kind.ROW_COUNT_CHANGE) {
      before = p.rows();
      now = m.accepted();
    } else {
      String column = c.column().orElseThrow();
      before = p.completeness().getOrDefault(column, Double.NaN);
      now = m.completeness(column);
    }
    double rate = before == 0 ? (now == 0 ? 1.0 : Double.POSITIVE_INFINITY) : now / before;
    double low = 1.0 - c.maxDecrease().orElse(Double.POSITIVE_INFINITY);
    double high = 1.0 + c.maxIncrease().orElse(Double.POSITIVE_INFINITY);
    boolean ok = !Double.isNaN(rate) && rate >= low && rate <= high;
    String message =
        ok
            ? "ok"
            : String.format(
                Locale.ROOT,
                "%s: %s against %s on %s (x%.3f), expected x %s",
                c.describe(),
                fmt(now),
                fmt(before),
                p.runDate(),
                rate,
                expected(
                    c.maxDecrease().isPresent() ? OptionalDouble.of(low) : OptionalDouble.empty(),
                    c.maxIncrease().isPresent()
                        ? OptionalDouble.of(high)
                        : OptionalDouble.empty()));
    return new CheckOutcome(
        c.describe(),
        c.level(),
        ok,
        Double.isNaN(rate) || Double.isInfinite(rate) ? null : rate,
        message);
  }

  /** The per-column profile of the report, from the staged files' statistics. */
  public static List<ColumnProfile> profile(
      Map<String, FileColumnStats> columns, List<String> skip) {
    return columns.values().stream()
        .filter(s -> !skip.contains(s.column()))
        .map(ColumnProfile::of)
        .toList();
  }

  /** What the history keeps of a day this gate let through. */
  public static QualityHistory.Day published(
      java.time.LocalDate runDate, String runId, DayMeasures m, List<String> skip) {
    Map<String, Double> completeness = new java.util.TreeMap<>();
    for (FileColumnStats s : m.columns().values()) {
      if (!skip.contains(s.column())) {
        completeness.put(s.column(), m.completeness(s.column()));
      }
    }
    return new QualityHistory.Day(runDate, runId, m.accepted(), completeness);
  }

  private static double number(Object o) {
    return o instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  private static String expected(OptionalDouble min, OptionalDouble max) {
    if (min.isPresent() && max.isPresent()) {
      return "in [" + bound(min.getAsDouble()) + ", " + bound(max.getAsDouble()) + "]";
    }
    return min.isPresent() ? ">= " + bound(min.getAsDouble()) : "<= " + bound(max.getAsDouble());
  }

  /** A configured bound as it was written: 0.2, 100. */
  private static String bound(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }

  private static String fmt(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15
        ? Long.toString((long) d)
        : String.format(Locale.ROOT, "%.4g", d);
  }
}
