package io.lakeml.ingest;

import io.lakeml.job.DataQualityException;
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
 * before lakeml can quarantine it. A CSV or JSON record that does not parse (too few or too many
 * fields, a broken object) keeps its original text in {@value #CORRUPT} instead of being silently
 * padded or truncated.
 */
public final class RawReader {
  public static final String CORRUPT = "_corrupt_record";
  public static final String SOURCE_FILE = "_source_file";

  private RawReader() {}

  public static Dataset<Row> read(
      SparkSession spark, SourceConfig source, List<String> columns, String path) {
    Dataset<Row> raw =
        switch (source.format()) {
          case "csv" -> csv(spark, source, columns, path);
          case "json" ->
              spark
                  .read()
                  .schema(textSchema(columns, true))
                  .option("mode", "PERMISSIVE")
                  .option("columnNameOfCorruptRecord", CORRUPT)
                  .json(path);
          default -> parquet(spark, columns, path);
        };
    return raw.withColumn(SOURCE_FILE, functions.input_file_name());
  }

  private static Dataset<Row> csv(
      SparkSession spark, SourceConfig source, List<String> columns, String path) {
    DataFrameReader reader =
        spark
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
    if (source.header()) {
      checkHeader(reader, columns, path);
    }
    return reader.schema(textSchema(columns, true)).option("enforceSchema", true).csv(path);
  }

  /** A missing, extra or reordered column fails the run, naming it. */
  static void checkHeader(DataFrameReader reader, List<String> declared, String path) {
    List<String> header =
        Arrays.stream(reader.option("inferSchema", false).csv(path).schema().fieldNames())
            .map(RawReader::stripBom)
            .toList();
    List<String> missing = new ArrayList<>(declared);
    missing.removeAll(header);
    List<String> extra = new ArrayList<>(header);
    extra.removeAll(declared);
    if (!missing.isEmpty() || !extra.isEmpty()) {
      throw new DataQualityException(
          String.format(
              "header of %s does not match ingest.schema: missing %s, unexpected %s",
              path, missing, extra));
    }
    if (!header.equals(declared)) {
      throw new DataQualityException(
          String.format(
              "header of %s has the declared columns in another order: expected %s, got: %s",
              path, declared, header));
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
      cols.add(functions.col(c).cast(DataTypes.StringType).as(c));
    }
    cols.add(functions.lit(null).cast(DataTypes.StringType).as(CORRUPT));
    return df.select(cols.toArray(Column[]::new));
  }

  static StructType textSchema(List<String> columns, boolean withCorrupt) {
    List<StructField> fields = new ArrayList<>();
    for (String c : columns) {
      fields.add(DataTypes.createStructField(c, DataTypes.StringType, true));
    }
    if (withCorrupt) {
      fields.add(DataTypes.createStructField(CORRUPT, DataTypes.StringType, true));
    }
    return DataTypes.createStructType(fields);
  }

  private static String stripBom(String name) {
    return name.startsWith("\uFEFF") ? name.substring(1) : name;
  }
}
