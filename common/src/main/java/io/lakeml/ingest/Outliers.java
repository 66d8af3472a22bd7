package io.lakeml.ingest;

import io.lakeml.ml.JsonFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Applies {@link OutlierRule}s to validated rows: bounds come from the configuration or, for IQR
 * and z-score, from one aggregation over the rows the caller measures (the run's accepted rows).
 */
public final class Outliers {
  private Outliers() {}

  /** The interval outside which a value is an outlier. */
  public record Bounds(String column, String method, double lower, double upper) {
    public Map<String, Object> toMap() {
      return JsonFields.object(
          "column", column,
          "method", method,
          "lower", lower,
          "upper", upper);
    }
  }

  /** Bounds for every rule, in one pass over {@code measured} when statistics are needed. */
  public static List<Bounds> bounds(Dataset<Row> measured, List<OutlierRule> rules) {
    List<Column> aggs = new ArrayList<>();
    for (OutlierRule r : rules) {
      Column c = functions.col(r.column()).cast("double");
      switch (r.method()) {
        case "iqr" ->
            aggs.add(
                functions.percentile_approx(
                    c, functions.lit(new double[] {0.25, 0.75}), functions.lit(10_000)));
        case "zscore" -> {
          aggs.add(functions.avg(c));
          aggs.add(functions.stddev_samp(c));
        }
        default -> {}
      }
    }
    Row stats =
        aggs.isEmpty()
            ? null
            : measured
                .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new))
                .first();
    List<Bounds> out = new ArrayList<>();
    int i = 0;
    for (OutlierRule r : rules) {
      switch (r.method()) {
        case "iqr" -> {
          List<Object> q = stats.isNullAt(i) ? List.of() : stats.getList(i);
          i++;
          double q1 = q.isEmpty() ? Double.NEGATIVE_INFINITY : ((Number) q.get(0)).doubleValue();
          double q3 = q.isEmpty() ? Double.POSITIVE_INFINITY : ((Number) q.get(1)).doubleValue();
          double iqr = q3 - q1;
          out.add(new Bounds(r.column(), "iqr", q1 - r.k() * iqr, q3 + r.k() * iqr));
        }
        case "zscore" -> {
          double mean = stats.isNullAt(i) ? 0 : stats.getDouble(i);
          double sd = stats.isNullAt(i + 1) ? Double.POSITIVE_INFINITY : stats.getDouble(i + 1);
          i += 2;
          out.add(new Bounds(r.column(), "zscore", mean - r.z() * sd, mean + r.z() * sd));
        }
        default ->
            out.add(
                new Bounds(
                    r.column(),
                    "bounds",
                    r.min().orElse(Double.NEGATIVE_INFINITY),
                    r.max().orElse(Double.POSITIVE_INFINITY)));
      }
    }
    return out;
  }

  /** Flags, clips or quarantines the values outside their bounds. */
  public static Dataset<Row> apply(
      Dataset<Row> validated, List<OutlierRule> rules, List<Bounds> bounds) {
    Dataset<Row> out = validated;
    for (int i = 0; i < rules.size(); i++) {
      OutlierRule r = rules.get(i);
      Bounds b = bounds.get(i);
      Column value = functions.col(r.column());
      Column below = value.cast("double").lt(b.lower());
      Column above = value.cast("double").gt(b.upper());
      Column outside = below.or(above);
      switch (r.action()) {
        case "flag" ->
            out = out.withColumn(r.flagColumn(), functions.coalesce(outside, functions.lit(false)));
        case "clip" -> {
          String type = out.schema().apply(r.column()).dataType().simpleString();
          boolean integral = !type.equals("double");
          // An integral column clips to the nearest whole value inside the bounds.
          double lo = integral ? Math.ceil(b.lower()) : b.lower();
          double hi = integral ? Math.floor(b.upper()) : b.upper();
          out =
              out.withColumn(
                  r.column(),
                  functions
                      .when(below, functions.lit(lo).cast(type))
                      .when(above, functions.lit(hi).cast(type))
                      .otherwise(value));
        }
        default -> {
          Column reason =
              functions.when(
                  outside,
                  functions.concat(
                      functions.lit("outlier:" + r.column() + ": "),
                      value.cast("string"),
                      functions.lit(
                          String.format(
                              " outside [%s, %s] (%s)",
                              RowValidator.fmt(b.lower()),
                              RowValidator.fmt(b.upper()),
                              r.method()))));
          out =
              out.withColumn(
                  RowValidator.REASONS,
                  functions.concat(
                      functions.col(RowValidator.REASONS),
                      functions.array_compact(functions.array(reason))));
        }
      }
    }
    return out;
  }

  /** Columns the rules add to the curated table. */
  public static List<String> flagColumns(List<OutlierRule> rules) {
    return rules.stream()
        .filter(r -> r.action().equals("flag"))
        .map(OutlierRule::flagColumn)
        .toList();
  }
}
