package io.lakeml.quality;

import io.lakeml.sql.Identifiers;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.TimestampType;

/**
 * The data profile of a published day, the look a data scientist takes before training: per column
 * its missing values (counted over every row by the write itself), a histogram of numbers and dates
 * or the most frequent categories, and, when a label is configured, the label in each bin: the
 * classes' counts for a classification label, the mean for a numeric one.
 *
 * <p>Histograms and categories come from a seeded sample of at most {@link
 * ProfileConfig#sampleRows} rows, all columns in one aggregation: each row becomes one (column,
 * bin, label) entry per column, counted in one shuffle, and categories beyond the {@value
 * #TOP_CATEGORIES} most frequent of a column are folded into one "other" bin before anything
 * reaches the driver.
 *
 * @param rows rows of the day
 * @param sampled rows the histograms read
 * @param label the label the bins are related to, if any
 * @param classes a classification label's values in the sample, most frequent first
 */
public record DayProfile(
    String dataset,
    LocalDate runDate,
    long rows,
    long sampled,
    Optional<LabelSpec> label,
    List<String> classes,
    List<ColumnView> columns) {
  /** Equal-width bins of a numeric or date column. */
  public static final int BINS = 20;

  /** Categories shown by name; the rest are one "other" bin. */
  public static final int TOP_CATEGORIES = 12;

  /** The bin's name of a missing label. */
  public static final String MISSING = "(missing)";

  /**
   * The label column, and how it is read: as classes (with the positive one, for a binary task) or
   * as a number.
   */
  public record LabelSpec(String column, boolean categorical, Optional<String> positive) {}

  /** How a column is binned. */
  public enum Kind {
    NUMERIC,
    DATE,
    CATEGORICAL
  }

  /**
   * One bin: its rows in the sample, those rows by label class, and the mean label (numeric labels;
   * NaN otherwise or without one).
   *
   * @param name the category, or the bin's index for numbers and dates
   * @param members categories folded into this bin (1, or more for "other")
   */
  public record Bin(
      String name, long count, Map<String, Long> byClass, double labelMean, long members) {}

  /**
   * A column's profile.
   *
   * @param nulls missing values over every row of the day
   * @param min lowest value in the sample (numbers, and dates as days since 1970-01-01)
   * @param bins numbers and dates: {@link #BINS} bins from min to max; categories: the most
   *     frequent first, then "other"
   */
  public record ColumnView(
      String column,
      String type,
      Kind kind,
      long nulls,
      double completeness,
      double min,
      double max,
      List<Bin> bins) {
    /** A bin's lower edge, for numbers and dates. */
    public double edge(int bin) {
      return min + (max - min) * bin / BINS;
    }
  }

  /** The "other" bin's name: a character no category prints. */
  public static final String OTHER = "\u0000other";

  static Kind kindOf(DataType type) {
    if (type instanceof DateType || type instanceof TimestampType) {
      return Kind.DATE;
    }
    return type instanceof NumericType ? Kind.NUMERIC : Kind.CATEGORICAL;
  }

  /**
   * The profile of {@code day} (a day's curated rows, partition column excluded by {@code skip}).
   * {@code measures} gives the day's row count and each column's missing values.
   */
  public static DayProfile of(
      String dataset,
      LocalDate runDate,
      Dataset<Row> day,
      List<String> skip,
      DayMeasures measures,
      Optional<LabelSpec> label,
      ProfileConfig config) {
    List<StructField> fields =
        java.util.Arrays.stream(day.schema().fields())
            .filter(f -> !skip.contains(f.name()))
            .toList();
    long rows = measures.accepted();
    double fraction = rows <= config.sampleRows() ? 1.0 : (double) config.sampleRows() / rows;
    Dataset<Row> sample = fraction >= 1.0 ? day : day.sample(false, fraction, config.seed());
    sample = sample.cache();
    try {
      Map<String, double[]> ranges = new LinkedHashMap<>();
      long sampled = ranges(sample, fields, ranges);
      List<Row> counted = count(sample, fields, ranges, label).collectAsList();
      return assemble(dataset, runDate, rows, sampled, fields, ranges, counted, measures, label);
    } finally {
      sample.unpersist();
    }
  }

  /**
   * The sample's rows, and into {@code ranges} the lowest and highest value of every numeric and
   * date column that has one: one job, which also fills the sample's cache.
   */
  private static long ranges(
      Dataset<Row> sample, List<StructField> fields, Map<String, double[]> ranges) {
    List<Column> aggregates = new ArrayList<>();
    List<String> binned = new ArrayList<>();
    for (StructField f : fields) {
      if (kindOf(f.dataType()) != Kind.CATEGORICAL) {
        // NaN sorts above every number in Spark: it would be every column's maximum.
        Column v =
            functions
                .when(functions.isnan(asNumber(f)), functions.lit(null))
                .otherwise(asNumber(f));
        aggregates.add(functions.min(v));
        aggregates.add(functions.max(v));
        binned.add(f.name());
      }
    }
    Row r =
        sample.agg(functions.count(functions.lit(1)), aggregates.toArray(new Column[0])).first();
    for (int i = 0; i < binned.size(); i++) {
      if (!r.isNullAt(1 + 2 * i)) {
        ranges.put(binned.get(i), new double[] {r.getDouble(1 + 2 * i), r.getDouble(2 + 2 * i)});
      }
    }
    return r.getLong(0);
  }

  /** A number or date as a double: dates as days since 1970-01-01, times as seconds. */
  static Column asNumber(StructField f) {
    Column c = functions.col(Identifiers.quote(f.name()));
    if (f.dataType() instanceof DateType) {
      return functions.datediff(c, functions.lit("1970-01-01").cast("date")).cast("double");
    }
    return c.cast("double");
  }

  /**
   * Rows per (column, bin, label class), with the label's sum and count for numeric labels; the
   * categories past the top ones of each column folded into {@link #OTHER}.
   */
  private static Dataset<Row> count(
      Dataset<Row> sample,
      List<StructField> fields,
      Map<String, double[]> ranges,
      Optional<LabelSpec> label) {
    List<Column> entries = new ArrayList<>();
    List<Integer> categorical = new ArrayList<>();
    for (int i = 0; i < fields.size(); i++) {
      StructField f = fields.get(i);
      Column key = binKey(f, ranges.get(f.name()));
      if (kindOf(f.dataType()) == Kind.CATEGORICAL) {
        categorical.add(i);
      }
      entries.add(functions.struct(functions.lit(i).as("c"), key.as("k")));
    }
    Column labelClass = functions.lit(null).cast("string");
    Column labelValue = functions.lit(null).cast("double");
    if (label.isPresent()) {
      Column l = functions.col(Identifiers.quote(label.get().column()));
      labelClass =
          label.get().categorical()
              ? functions.coalesce(l.cast("string"), functions.lit(MISSING))
              : labelClass;
      labelValue = label.get().categorical() ? labelValue : l.cast("double");
    }
    Dataset<Row> counted =
        sample
            .select(
                functions.explode(functions.array(entries.toArray(new Column[0]))).as("e"),
                labelClass.as("cls"),
                labelValue.as("y"))
            .where("e.k IS NOT NULL")
            .groupBy(
                functions.col("e.c").as("c"), functions.col("e.k").as("k"), functions.col("cls"))
            .agg(
                functions.count(functions.lit(1)).as("n"),
                functions.sum("y").as("ysum"),
                functions.count("y").as("yn"));
    return foldRareCategories(counted, categorical);
  }

  private static Column binKey(StructField f, double[] range) {
    if (kindOf(f.dataType()) == Kind.CATEGORICAL) {
      return functions.col(Identifiers.quote(f.name())).cast("string");
    }
    if (range == null) {
      return functions.lit(null).cast("string");
    }
    double width = (range[1] - range[0]) / BINS;
    Column v = asNumber(f);
    Column bin =
        width <= 0
            ? functions.lit(0)
            : functions.least(
                functions.floor(v.minus(range[0]).divide(width)).cast("int"),
                functions.lit(BINS - 1));
    return functions
        .when(v.isNull().or(functions.isnan(v)), functions.lit(null))
        .otherwise(bin.cast("string"));
  }

  /** Categories ranked past {@link #TOP_CATEGORIES} in their column become one "other" bin. */
  private static Dataset<Row> foldRareCategories(Dataset<Row> counted, List<Integer> categorical) {
    if (categorical.isEmpty()) {
      return counted.withColumn("members", functions.lit(1L));
    }
    Column total = functions.sum("n").over(Window.partitionBy("c", "k"));
    Dataset<Row> withTotal = counted.withColumn("total", total);
    Column rank =
        functions
            .dense_rank()
            .over(Window.partitionBy("c").orderBy(functions.desc("total"), functions.asc("k")));
    Column folded =
        functions
            .when(
                functions
                    .col("c")
                    .isin(categorical.toArray())
                    .and(functions.col("rank").gt(TOP_CATEGORIES)),
                functions.lit(OTHER))
            .otherwise(functions.col("k"));
    // How many categories each bin holds: 1, or the number folded into "other".
    Column members = functions.size(functions.collect_set("k").over(Window.partitionBy("c", "fk")));
    return withTotal
        .withColumn("rank", rank)
        .withColumn("fk", folded)
        .withColumn("members", members)
        .groupBy(functions.col("c"), functions.col("fk").as("k"), functions.col("cls"))
        .agg(
            functions.sum("n").as("n"),
            functions.sum("ysum").as("ysum"),
            functions.sum("yn").as("yn"),
            functions.max("members").cast("long").as("members"));
  }

  /** The collected counts as one view per column, in the table's column order. */
  private static DayProfile assemble(
      String dataset,
      LocalDate runDate,
      long rows,
      long sampled,
      List<StructField> fields,
      Map<String, double[]> ranges,
      List<Row> counted,
      DayMeasures measures,
      Optional<LabelSpec> label) {
    Map<Integer, Map<String, BinTotals>> byColumn = new LinkedHashMap<>();
    // The label's classes, counted in the column with the most values (the others skip its nulls).
    Map<Integer, Map<String, Long>> classesByColumn = new LinkedHashMap<>();
    for (Row r : counted) {
      int c = r.getInt(r.fieldIndex("c"));
      String k = r.getString(r.fieldIndex("k"));
      String cls = r.isNullAt(r.fieldIndex("cls")) ? null : r.getString(r.fieldIndex("cls"));
      long n = r.getLong(r.fieldIndex("n"));
      byColumn
          .computeIfAbsent(c, x -> new LinkedHashMap<>())
          .computeIfAbsent(k, x -> new BinTotals())
          .add(cls, n, r, r.getLong(r.fieldIndex("members")));
      if (cls != null) {
        classesByColumn.computeIfAbsent(c, x -> new LinkedHashMap<>()).merge(cls, n, Long::sum);
      }
    }
    List<ColumnView> columns = new ArrayList<>();
    for (int i = 0; i < fields.size(); i++) {
      StructField f = fields.get(i);
      Map<String, BinTotals> bins = byColumn.getOrDefault(i, Map.of());
      columns.add(view(f, ranges.get(f.name()), bins, measures));
    }
    Map<String, Long> classTotals =
        classesByColumn.values().stream()
            .max(
                java.util.Comparator.comparingLong(
                    m -> m.values().stream().mapToLong(x -> x).sum()))
            .orElse(Map.of());
    return new DayProfile(
        dataset, runDate, rows, sampled, label, classes(classTotals, label), columns);
  }

  /** A classification label's classes, the positive one first, then by frequency; missing last. */
  private static List<String> classes(Map<String, Long> totals, Optional<LabelSpec> label) {
    Optional<String> positive = label.flatMap(LabelSpec::positive);
    return totals.entrySet().stream()
        .sorted(
            java.util.Comparator.<Map.Entry<String, Long>>comparingInt(
                    e ->
                        positive.filter(e.getKey()::equals).isPresent()
                            ? 0
                            : e.getKey().equals(MISSING) ? 2 : 1)
                .thenComparing(Map.Entry::getValue, java.util.Comparator.reverseOrder())
                .thenComparing(Map.Entry::getKey))
        .map(Map.Entry::getKey)
        .toList();
  }

  private static ColumnView view(
      StructField f, double[] range, Map<String, BinTotals> totals, DayMeasures measures) {
    Kind kind = kindOf(f.dataType());
    io.lakeml.lake.FileColumnStats stats = measures.columns().get(f.name());
    long nulls = stats == null ? 0 : stats.nulls();
    double completeness = measures.completeness(f.name());
    List<Bin> bins = new ArrayList<>();
    if (kind == Kind.CATEGORICAL) {
      totals.entrySet().stream()
          .sorted(
              java.util.Comparator.<Map.Entry<String, BinTotals>>comparingInt(
                      e -> e.getKey().equals(OTHER) ? 1 : 0)
                  .thenComparing(e -> e.getValue().count, java.util.Comparator.reverseOrder())
                  .thenComparing(Map.Entry::getKey))
          .forEach(e -> bins.add(e.getValue().bin(e.getKey())));
    } else if (range != null) {
      int n = range[1] > range[0] ? BINS : 1;
      for (int b = 0; b < n; b++) {
        String key = Integer.toString(b);
        bins.add(totals.getOrDefault(key, new BinTotals()).bin(key));
      }
    }
    double min = range == null ? Double.NaN : range[0];
    double max = range == null ? Double.NaN : range[1];
    return new ColumnView(
        f.name(), f.dataType().simpleString(), kind, nulls, completeness, min, max, bins);
  }

  /** A bin's counts as they are collected, one (bin, class) row at a time. */
  private static final class BinTotals {
    long count;
    long members = 1;
    double labelSum;
    long labelCount;
    final Map<String, Long> byClass = new LinkedHashMap<>();

    void add(String cls, long n, Row r, long members) {
      count += n;
      this.members = Math.max(this.members, members);
      if (cls != null) {
        byClass.merge(cls, n, Long::sum);
      }
      if (!r.isNullAt(r.fieldIndex("ysum"))) {
        labelSum += r.getDouble(r.fieldIndex("ysum"));
        labelCount += r.getLong(r.fieldIndex("yn"));
      }
    }

    Bin bin(String name) {
      return new Bin(
          name,
          count,
          Map.copyOf(byClass),
          labelCount == 0 ? Double.NaN : labelSum / labelCount,
          members);
    }
  }
}
