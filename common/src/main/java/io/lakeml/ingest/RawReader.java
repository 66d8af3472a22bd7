package io.lakeml.ingest;

import io.lakeml.ml.DataQualityException;
import io.lakeml.sql.Identifiers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Reads raw files with every declared column as text, so nothing is lost to a type conversion
 * before lakeml can quarantine it. The result has the declared columns (text), {@value #CORRUPT}
 * and {@value #SOURCE_FILE}.
 *
 * <p>A CSV or JSON record that does not parse — too few or too many fields, a broken object — keeps
 * its original text in {@value #CORRUPT} instead of being silently padded or truncated (Spark's
 * PERMISSIVE mode alone would do that). Every CSV file's header is checked against the declared
 * schema and the {@link HeaderPolicy}, not only the first file's.
 */
public final class RawReader {
  public static final String CORRUPT = "_corrupt_record";
  public static final String SOURCE_FILE = "_source_file";
  static final String HEADER_MISMATCH = "CSV header does not conform to the schema";
  private static final String BOM = "\uFEFF";

  private RawReader() {}

  public static Dataset<Row> read(SparkSession spark, IngestConfig config, String path) {
    List<String> columns = config.columnNames();
    Dataset<Row> raw =
        switch (config.source().format()) {
          case "csv" -> csv(spark, config, path);
          case "json" ->
              spark
                  .read()
                  .schema(textSchema(columns))
                  .option("mode", "PERMISSIVE")
                  .option("columnNameOfCorruptRecord", CORRUPT)
                  .option("encoding", config.source().encoding())
                  .option("multiLine", config.source().multiLine())
                  // Numbers and booleans stay as their JSON text; lakeml converts them itself.
                  .option("primitivesAsString", true)
                  .json(path);
          default -> parquet(spark, columns, path);
        };
    return raw.withColumn(SOURCE_FILE, functions.input_file_name());
  }

  private static DataFrameReader csvReader(SparkSession spark, SourceConfig source) {
    return spark
        .read()
        .option("header", source.header())
        .option("sep", source.delimiter())
        .option("quote", source.quote())
        .option("escape", source.escape())
        .option("encoding", source.encoding())
        .option("multiLine", source.multiLine())
        // lakeml applies missing-value tokens and trimming itself, per column.
        .option("nullValue", null)
        .option("emptyValue", "")
        .option("ignoreLeadingWhiteSpace", false)
        .option("ignoreTrailingWhiteSpace", false)
        .option("mode", "PERMISSIVE")
        .option("columnNameOfCorruptRecord", CORRUPT);
  }

  private static Dataset<Row> csv(SparkSession spark, IngestConfig config, String path) {
    SourceConfig source = config.source();
    List<String> declared = config.columnNames();
    if (!source.header()) {
      return csvReader(spark, source).schema(textSchema(declared)).csv(path);
    }
    List<String> header = header(spark, source, path);
    List<String> mapped =
        header.stream().map(h -> config.header().declaredName(stripBom(h))).toList();
    checkHeader(path, declared, mapped, config.header());
    // Read with the header's own names so Spark checks every file's header against the first
    // (enforceSchema = false); then select the declared columns by name.
    Dataset<Row> df =
        csvReader(spark, source)
            .option("enforceSchema", false)
            .schema(textSchema(header))
            .csv(path);
    List<Column> cols = new ArrayList<>();
    for (String d : declared) {
      String sourceName = header.get(mapped.indexOf(d));
      cols.add(df.col(Identifiers.quote(sourceName)).as(d));
    }
    cols.add(df.col(CORRUPT));
    return df.select(cols.toArray(Column[]::new));
  }

  /** The first file's header, as Spark reads it. */
  static List<String> header(SparkSession spark, SourceConfig source, String path) {
    String[] names =
        csvReader(spark, source).option("inferSchema", false).csv(path).schema().fieldNames();
    return Arrays.asList(names);
  }

  /** A missing, extra or reordered column fails the run naming it, unless the policy allows it. */
  static void checkHeader(
      String path, List<String> declared, List<String> mapped, HeaderPolicy policy) {
    List<String> missing = new ArrayList<>(declared);
    missing.removeAll(mapped);
    List<String> extra = new ArrayList<>(mapped);
    extra.removeAll(declared);
    if (!missing.isEmpty()) {
      throw new DataQualityException(
          String.format(
              "header of %s lacks declared columns %s (header: %s)", path, missing, mapped));
    }
    if (!extra.isEmpty() && !policy.ignoreExtra()) {
      throw new DataQualityException(
          String.format(
              "header of %s has undeclared columns %s; declare them, map them with"
                  + " ingest.header.rename or set ingest.header.extra-columns = ignore",
              path, extra));
    }
    List<String> inOrder = mapped.stream().filter(declared::contains).toList();
    if (!policy.anyOrder() && !inOrder.equals(declared)) {
      throw new DataQualityException(
          String.format(
              "header of %s has the declared columns in another order: expected %s, got: %s"
                  + " (set ingest.header.order = any to match by name)",
              path, declared, inOrder));
    }
  }

  private static Dataset<Row> parquet(SparkSession spark, List<String> columns, String path) {
    Dataset<Row> df = spark.read().parquet(path);
    List<String> present = Arrays.asList(df.columns());
    List<String> missing = columns.stream().filter(c -> !present.contains(c)).toList();
    if (!missing.isEmpty()) {
      throw new DataQualityException(
          String.format("%s lacks declared columns %s; it has %s", path, missing, present));
    }
    List<Column> cols = new ArrayList<>();
    for (String c : columns) {
      cols.add(df.col(Identifiers.quote(c)).cast(DataTypes.StringType).as(c));
    }
    cols.add(functions.lit(null).cast(DataTypes.StringType).as(CORRUPT));
    return df.select(cols.toArray(Column[]::new));
  }

  /** Turns Spark's per-file header failure, raised inside a task, into a data-quality error. */
  public static RuntimeException explain(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().contains(HEADER_MISMATCH)) {
        String m = t.getMessage();
        return new DataQualityException(
            "a file's header differs from the first file's: "
                + m.substring(m.indexOf(HEADER_MISMATCH)));
      }
    }
    return e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
  }

  static StructType textSchema(List<String> columns) {
    List<StructField> fields = new ArrayList<>();
    for (String c : columns) {
      fields.add(DataTypes.createStructField(c, DataTypes.StringType, true));
    }
    fields.add(DataTypes.createStructField(CORRUPT, DataTypes.StringType, true));
    return DataTypes.createStructType(fields);
  }

  static String stripBom(String name) {
    return name.startsWith(BOM) ? name.substring(1) : name;
  }
}
