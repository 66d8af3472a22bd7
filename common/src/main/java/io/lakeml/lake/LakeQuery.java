package io.lakeml.lake;

import io.lakeml.config.ConfigName;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code lakeml sql "SELECT ..."}: one query against the lake's catalog, names resolved there
 * first, so {@code curated.insurance_claims}, {@code quarantine.insurance_claims} and Iceberg's
 * metadata tables ({@code curated.insurance_claims.snapshots}, {@code .history}, {@code .files},
 * {@code .partitions}) read as they are written. The result is printed as an aligned table, CSV or
 * JSON lines.
 */
public final class LakeQuery {
  /** How the result is printed. */
  public enum Format implements ConfigName {
    TABLE,
    CSV,
    JSON;

    @Override
    public String configName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private LakeQuery() {}

  /** Runs {@code sql} in the lake's catalog and prints at most {@code limit} rows. */
  public static long run(
      SparkSession spark, Lake lake, String sql, Format format, int limit, PrintStream out) {
    LakeTables.of(spark, lake);
    spark.sql("USE " + LakeCatalog.NAME);
    Dataset<Row> result = spark.sql(sql);
    List<Row> rows = result.limit(limit).collectAsList();
    String[] columns = result.columns();
    switch (format) {
      case CSV -> csv(columns, rows, out);
      case JSON -> result.limit(limit).toJSON().collectAsList().forEach(out::println);
      default -> table(columns, rows, out);
    }
    return rows.size();
  }

  private static void table(String[] columns, List<Row> rows, PrintStream out) {
    List<String[]> cells = new ArrayList<>();
    cells.add(columns);
    for (Row r : rows) {
      String[] line = new String[columns.length];
      for (int i = 0; i < columns.length; i++) {
        line[i] = text(r.get(i));
      }
      cells.add(line);
    }
    int[] width = new int[columns.length];
    for (String[] line : cells) {
      for (int i = 0; i < line.length; i++) {
        width[i] = Math.max(width[i], line[i].length());
      }
    }
    for (int n = 0; n < cells.size(); n++) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < columns.length; i++) {
        b.append(i == 0 ? "" : "  ").append(pad(cells.get(n)[i], width[i]));
      }
      out.println(b.toString().stripTrailing());
      if (n == 0) {
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < columns.length; i++) {
          rule.append(i == 0 ? "" : "  ").append("-".repeat(width[i]));
        }
        out.println(rule);
      }
    }
    out.printf("(%d row%s)%n", rows.size(), rows.size() == 1 ? "" : "s");
  }

  private static void csv(String[] columns, List<Row> rows, PrintStream out) {
    out.println(String.join(",", List.of(columns).stream().map(LakeQuery::csvCell).toList()));
    for (Row r : rows) {
      List<String> line = new ArrayList<>();
      for (int i = 0; i < columns.length; i++) {
        line.add(r.isNullAt(i) ? "" : csvCell(text(r.get(i))));
      }
      out.println(String.join(",", line));
    }
  }

  private static String csvCell(String s) {
    return s.contains(",") || s.contains("\"") || s.contains("\n")
        ? "\"" + s.replace("\"", "\"\"") + "\""
        : s;
  }

  private static String text(Object v) {
    if (v == null) {
      return "NULL";
    }
    if (v instanceof scala.collection.Seq<?> seq) {
      return scala.collection.JavaConverters.seqAsJavaList(seq).toString();
    }
    if (v instanceof scala.collection.Map<?, ?> map) {
      return scala.collection.JavaConverters.mapAsJavaMap(map).toString();
    }
    return String.valueOf(v);
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(Math.max(0, width - s.length()));
  }
}
