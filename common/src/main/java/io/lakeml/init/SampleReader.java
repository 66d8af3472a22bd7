package io.lakeml.init;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * The first rows of a CSV, JSON-lines or Parquet input, every value as text: what {@link
 * ConfigDraft} infers a configuration from.
 */
public final class SampleReader {
  /** A sample: the source's column names and the rows' text (null for none). */
  public record Sample(List<String> header, List<List<String>> rows) {}

  private SampleReader() {}

  public static Sample read(SparkSession spark, String path, String format, int limit) {
    Dataset<Row> raw =
        switch (format) {
          case "csv" ->
              spark
                  .read()
                  .option("header", true)
                  .option("inferSchema", false)
                  // Keep empty fields as they are: the draft counts them as a missing token.
                  .option("nullValue", null)
                  .option("emptyValue", "")
                  .csv(path);
          case "json" -> spark.read().option("primitivesAsString", true).json(path);
          case "parquet" -> spark.read().parquet(path);
          default ->
              throw new IllegalArgumentException(
                  "--format must be csv, json or parquet, got: " + format);
        };
    String[] names = raw.columns();
    Column[] text =
        Arrays.stream(names)
            .map(n -> functions.col("`" + n.replace("`", "``") + "`").cast("string"))
            .toArray(Column[]::new);
    List<List<String>> rows = new ArrayList<>();
    for (Row r : raw.select(text).limit(limit).collectAsList()) {
      List<String> values = new ArrayList<>(names.length);
      for (int i = 0; i < names.length; i++) {
        values.add(r.isNullAt(i) ? null : r.getString(i));
      }
      rows.add(values);
    }
    return new Sample(List.of(names), rows);
  }

  /** The format a path's extension says, else CSV. */
  public static String formatOf(String path) {
    String p = path.toLowerCase(java.util.Locale.ROOT);
    if (p.endsWith(".json") || p.endsWith(".jsonl") || p.endsWith(".ndjson")) {
      return "json";
    }
    return p.endsWith(".parquet") ? "parquet" : "csv";
  }

  /** A dataset name from a path: its file name without extension, as a column name is written. */
  public static String datasetOf(String path) {
    String name = path.replaceAll("/+$", "");
    name = name.substring(name.lastIndexOf('/') + 1).replaceAll("\\.[^.]*$", "");
    return ConfigDraft.normalize(name);
  }
}
