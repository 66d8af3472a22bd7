package io.lakeml.baseline;

import io.lakeml.sql.Identifiers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.TimestampType;

/**
 * Profiles columns distributed: a baseline in two passes (percentiles, then counts per bucket or
 * category), a batch in one pass against a baseline's buckets. Every column is counted in the same
 * single aggregation, whatever their number.
 */
public final class Profiler {
  /** Percentiles a baseline keeps per numeric column: 0 %, 1 %, ..., 100 %. */
  static final int PERCENTILES = 100;

  /** Relative rank error of the percentiles ({@code approxQuantile}); 0.1 % of the rows. */
  static final double RELATIVE_ERROR = 0.001;

  private Profiler() {}

  /**
   * How a column of this type is profiled: numbers, dates and times as numbers, the rest as
   * categories.
   */
  public static Distribution.Kind kindOf(DataType type) {
    return type instanceof NumericType || type instanceof DateType || type instanceof TimestampType
        ? Distribution.Kind.NUMERIC
        : Distribution.Kind.CATEGORICAL;
  }

  /** The baseline profile of {@code columns} (name → kind) over {@code rows}. */
  public static Map<String, Distribution> baseline(
      Dataset<Row> rows, Map<String, Distribution.Kind> columns) {
    List<String> numeric =
        columns.entrySet().stream()
            .filter(e -> e.getValue() == Distribution.Kind.NUMERIC)
            .map(Map.Entry::getKey)
            .toList();
    Map<String, double[]> edges = new LinkedHashMap<>();
    if (!numeric.isEmpty()) {
      Dataset<Row> values =
          rows.select(numeric.stream().map(c -> asNumber(rows, c).as(c)).toArray(Column[]::new));
      double[] probabilities = new double[PERCENTILES + 1];
      for (int i = 0; i <= PERCENTILES; i++) {
        probabilities[i] = (double) i / PERCENTILES;
      }
      double[][] quantiles =
          values
              .stat()
              .approxQuantile(numeric.toArray(String[]::new), probabilities, RELATIVE_ERROR);
      for (int i = 0; i < numeric.size(); i++) {
        edges.put(
            numeric.get(i), java.util.Arrays.stream(quantiles[i]).distinct().sorted().toArray());
      }
    }
    Map<String, Map<String, Long>> counts = count(rows, columns, edges);
    Map<String, Distribution> out = new LinkedHashMap<>();
    columns.forEach(
        (c, kind) -> {
          Map<String, Long> keys = counts.getOrDefault(c, Map.of());
          long nulls = keys.getOrDefault(NULL_KEY, 0L);
          Map<String, Long> values = new LinkedHashMap<>(keys);
          values.remove(NULL_KEY);
          out.put(
              c,
              kind == Distribution.Kind.NUMERIC
                  ? Distribution.numeric(c, edges.get(c), bucketCounts(edges.get(c), values), nulls)
                  : Distribution.topCategories(c, values, nulls));
        });
    return out;
  }

  /**
   * A batch counted against a baseline: numeric columns in the baseline's buckets, categorical
   * columns by value (every value kept, so new ones can be told apart).
   */
  public static Map<String, Distribution> against(
      Dataset<Row> rows, Map<String, Distribution> baseline) {
    Map<String, Distribution.Kind> columns = new LinkedHashMap<>();
    Map<String, double[]> edges = new LinkedHashMap<>();
    baseline.forEach(
        (c, p) -> {
          columns.put(c, p.kind());
          if (p.kind() == Distribution.Kind.NUMERIC) {
            edges.put(c, p.edges());
          }
        });
    Map<String, Map<String, Long>> counts = count(rows, columns, edges);
    Map<String, Distribution> out = new LinkedHashMap<>();
    columns.forEach(
        (c, kind) -> {
          Map<String, Long> values = new LinkedHashMap<>(counts.getOrDefault(c, Map.of()));
          Long nullCount = values.remove(NULL_KEY);
          long nulls = nullCount == null ? 0L : nullCount;
          out.put(
              c,
              kind == Distribution.Kind.NUMERIC
                  ? Distribution.numeric(c, edges.get(c), bucketCounts(edges.get(c), values), nulls)
                  : Distribution.categorical(c, values, 0, nulls));
        });
    return out;
  }

  private static final String NULL_KEY = "\u0000null";

  /** One aggregation: (column, bucket or value) → rows, for every column at once. */
  private static Map<String, Map<String, Long>> count(
      Dataset<Row> rows, Map<String, Distribution.Kind> columns, Map<String, double[]> edges) {
    List<Column> pairs = new ArrayList<>();
    for (Map.Entry<String, Distribution.Kind> e : columns.entrySet()) {
      String c = e.getKey();
      Column key =
          e.getValue() == Distribution.Kind.NUMERIC
              ? bucketer(edges.get(c)).apply(asNumber(rows, c)).cast("string")
              : rows.col(Identifiers.quote(c)).cast("string");
      pairs.add(
          functions.struct(
              functions.lit(c).as("c"), functions.coalesce(key, functions.lit(NULL_KEY)).as("k")));
    }
    Map<String, Map<String, Long>> out = new LinkedHashMap<>();
    if (pairs.isEmpty()) {
      return out;
    }
    List<Row> counted =
        rows.select(functions.explode(functions.array(pairs.toArray(Column[]::new))).as("p"))
            .groupBy(functions.col("p.c"), functions.col("p.k"))
            .count()
            .collectAsList();
    for (Row r : counted) {
      out.computeIfAbsent(r.getString(0), x -> new LinkedHashMap<>())
          .put(r.getString(1), r.getLong(2));
    }
    return out;
  }

  private static long[] bucketCounts(double[] edges, Map<String, Long> byBucket) {
    long[] counts = new long[edges.length + 1];
    byBucket.forEach((bucket, n) -> counts[Integer.parseInt(bucket)] += n);
    return counts;
  }

  private static UserDefinedFunction bucketer(double[] edges) {
    double[] e = edges.clone();
    return functions.udf(
        (UDF1<Double, Integer>) v -> v == null || v.isNaN() ? null : Distribution.bucket(e, v),
        DataTypes.IntegerType);
  }

  /** A numeric, date or time column as a double (dates and times as epoch seconds). */
  static Column asNumber(Dataset<Row> rows, String column) {
    Column c = rows.col(Identifiers.quote(column));
    DataType type = rows.schema().apply(column).dataType();
    if (type instanceof DateType) {
      c = c.cast("timestamp");
    } else if (type instanceof BooleanType || type instanceof StringType) {
      throw new IllegalArgumentException(column + " is " + type.simpleString() + ", not a number");
    }
    return c.cast("double");
  }
}
