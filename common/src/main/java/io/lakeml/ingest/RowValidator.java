package io.lakeml.ingest;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Turns raw text columns into typed ones and lists, per row, every rule it breaks: a pure function
 * {@code raw -> typed declared columns + raw text + }{@value #REASONS}. A row is accepted when its
 * reason list is empty.
 *
 * <p>Reasons read {@code rule:column: detail}, for example {@code type:age: not an int: 'forty'};
 * the part before the second colon names the rule, so rejections are counted per rule.
 */
public final class RowValidator {
  public static final String REASONS = "_reasons";

  /** Prefix of the original text of each declared column. */
  static final String RAW = "_raw_";

  private static final String INTEGER_TEXT = "^[+-]?[0-9]+$";
  private static final String REPLACEMENT_CHAR = "\uFFFD";
  private static final org.apache.spark.sql.types.DataType MAP_OF_TEXT =
      org.apache.spark.sql.types.DataTypes.createMapType(
          org.apache.spark.sql.types.DataTypes.StringType,
          org.apache.spark.sql.types.DataTypes.StringType);
  private static final org.apache.spark.sql.types.DataType ARRAY_OF_TEXT =
      org.apache.spark.sql.types.DataTypes.createArrayType(
          org.apache.spark.sql.types.DataTypes.StringType);

  private RowValidator() {}

  public static Dataset<Row> validate(Dataset<Row> raw, IngestConfig config) {
    List<Column> cols = new ArrayList<>();
    List<Column> reasons = new ArrayList<>();
    reasons.add(
        functions.when(
            functions.col(RawReader.CORRUPT).isNotNull(),
            functions.lit(
                "malformed:record: does not parse as "
                    + config.source().format()
                    + " with "
                    + config.schema().size()
                    + " fields")));
    boolean utf8 = config.source().encoding().replace("-", "").equalsIgnoreCase("utf8");
    boolean json = config.source().format().equals("json");
    for (ColumnSpec spec : config.schema()) {
      Column original = functions.col(RawReader.quote(spec.name()));
      Column text = clean(original, config);
      Column typed = typed(text, spec);
      cols.add(original.as(RAW + spec.name()));
      cols.add(typed.as(spec.name()));
      if (utf8) {
        // Spark decodes invalid UTF-8 bytes to U+FFFD without a word; that is not the data.
        reasons.add(
            functions.when(
                original.contains(REPLACEMENT_CHAR),
                functions.lit("encoding:" + spec.name() + ": invalid UTF-8 bytes")));
      }
      reasons.addAll(rules(spec, text, typed));
      if (json && spec.type().equals("string")) {
        // Spark keeps a JSON object or array given for a text field as its JSON text.
        Column structured =
            functions
                .from_json(text, MAP_OF_TEXT, java.util.Map.of())
                .isNotNull()
                .or(functions.from_json(text, ARRAY_OF_TEXT, java.util.Map.of()).isNotNull());
        reasons.add(
            functions.when(
                text.rlike("^\\s*[\\[{]").and(structured),
                functions.lit("type:" + spec.name() + ": a JSON object or array, not text")));
      }
    }
    cols.add(functions.col(RawReader.CORRUPT));
    cols.add(functions.col(RawReader.SOURCE_FILE));
    // Column reasons are computed from the raw text in the same projection as the types...
    cols.add(functions.array_compact(functions.array(reasons.toArray(Column[]::new))).as(REASONS));
    Dataset<Row> typedRows = raw.select(cols.toArray(Column[]::new));
    if (config.rules().isEmpty()) {
      return typedRows;
    }
    // ...and SQL rules afterwards, over the typed, declared columns.
    List<Column> ruleReasons = new ArrayList<>();
    for (RowRule rule : config.rules()) {
      ruleReasons.add(
          functions.when(
              functions.not(functions.coalesce(functions.expr(rule.expr()), functions.lit(true))),
              functions.lit("rule:" + rule.name() + ": " + rule.expr())));
    }
    return typedRows.withColumn(
        REASONS,
        functions.concat(
            functions.col(REASONS),
            functions.array_compact(functions.array(ruleReasons.toArray(Column[]::new)))));
  }

  /** The accepted rows' typed columns, under their declared names, plus any extra columns. */
  public static Dataset<Row> accepted(
      Dataset<Row> validated, IngestConfig config, List<String> extra) {
    List<Column> cols = new ArrayList<>();
    for (String c : config.columnNames()) {
      cols.add(functions.col(c));
    }
    for (String c : extra) {
      cols.add(functions.col(c));
    }
    return validated.select(cols.toArray(Column[]::new));
  }

  /** The quarantined rows as they arrived (raw text), with their reasons and source file. */
  public static Dataset<Row> quarantined(Dataset<Row> validated, IngestConfig config) {
    List<Column> cols = new ArrayList<>();
    for (String c : config.columnNames()) {
      cols.add(functions.col(RAW + c).as(c));
    }
    cols.add(functions.col(RawReader.CORRUPT).as("_raw_record"));
    cols.add(functions.col(REASONS));
    cols.add(functions.col(RawReader.SOURCE_FILE));
    return validated.select(cols.toArray(Column[]::new));
  }

  public static Column isAccepted() {
    return functions.size(functions.col(REASONS)).equalTo(0);
  }

  /** Trim (when configured) and map missing-value tokens to null. */
  static Column clean(Column c, IngestConfig config) {
    Column text = config.trim() ? functions.trim(c) : c;
    if (config.missingValues().isEmpty()) {
      return text;
    }
    return functions
        .when(text.isin(config.missingValues().toArray()), functions.lit(null))
        .otherwise(text);
  }

  static Column typed(Column text, ColumnSpec spec) {
    return switch (spec.type()) {
      case "int", "long" ->
          // cast('3.7' as int) would truncate to 3: only whole-number text converts.
          functions.when(text.rlike(INTEGER_TEXT), text.cast(spec.sparkType()));
      case "date" ->
          spec.format().map(f -> functions.to_date(text, f)).orElse(text.cast(spec.sparkType()));
      case "timestamp" ->
          spec.format()
              .map(f -> functions.to_timestamp(text, f))
              .orElse(text.cast(spec.sparkType()));
      case "string" -> text;
      default -> text.cast(spec.sparkType());
    };
  }

  static List<Column> rules(ColumnSpec spec, Column text, Column typed) {
    String name = spec.name();
    List<Column> out = new ArrayList<>();
    if (!spec.type().equals("string")) {
      out.add(
          functions.when(
              text.isNotNull().and(typed.isNull()),
              functions.concat(
                  functions.lit("type:" + name + ": not " + article(spec.type()) + ": '"),
                  text,
                  functions.lit("'"))));
    }
    if (!spec.nullable()) {
      out.add(functions.when(text.isNull(), functions.lit("required:" + name + ": value missing")));
    }
    spec.min()
        .ifPresent(
            min ->
                out.add(
                    functions.when(
                        typed.lt(min),
                        functions.concat(
                            functions.lit("range:" + name + ": "),
                            typed.cast("string"),
                            functions.lit(" < min " + fmt(min))))));
    spec.max()
        .ifPresent(
            max ->
                out.add(
                    functions.when(
                        typed.gt(max),
                        functions.concat(
                            functions.lit("range:" + name + ": "),
                            typed.cast("string"),
                            functions.lit(" > max " + fmt(max))))));
    if (!spec.allowed().isEmpty()) {
      out.add(
          functions.when(
              typed
                  .isNotNull()
                  .and(functions.not(typed.cast("string").isin(spec.allowed().toArray()))),
              functions.concat(
                  functions.lit("allowed:" + name + ": '"),
                  typed.cast("string"),
                  functions.lit("' not in " + spec.allowed()))));
    }
    spec.pattern()
        .ifPresent(
            p ->
                out.add(
                    functions.when(
                        text.isNotNull().and(functions.not(text.rlike(p))),
                        functions.concat(
                            functions.lit("pattern:" + name + ": '"),
                            text,
                            functions.lit("' does not match " + p)))));
    return out;
  }

  private static String article(String type) {
    return type.equals("int") ? "an int" : "a " + type;
  }

  static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
