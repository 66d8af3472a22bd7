package io.lakeml.ingest;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Turns raw text columns into typed ones and lists, per row, every rule it breaks. A pure function
 * of the raw rows: {@code raw -> raw + typed columns + }{@value #REASONS}. A row is accepted when
 * its reason list is empty.
 *
 * <p>Reasons read {@code rule:column: detail}, for example {@code type:age: not an int: 'forty'};
 * the part before the second colon names the rule, so rejections can be counted per rule.
 */
public final class RowValidator {
  public static final String REASONS = "_reasons";

  /** Prefix of the typed copy of each column while raw and typed columns live side by side. */
  static final String TYPED = "_typed_";

  private static final String INTEGER_TEXT = "^[+-]?[0-9]+$";

  private RowValidator() {}

  public static Dataset<Row> validate(Dataset<Row> raw, IngestConfig config) {
    List<Column> withTyped = new ArrayList<>();
    withTyped.add(functions.col("*"));
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
    for (ColumnSpec spec : config.schema()) {
      Column text = clean(functions.col(spec.name()), config);
      Column typed = typed(text, spec);
      withTyped.add(typed.as(TYPED + spec.name()));
      reasons.addAll(rules(spec, text, typed));
    }
    return raw.select(withTyped.toArray(Column[]::new))
        .withColumn(
            REASONS, functions.array_compact(functions.array(reasons.toArray(Column[]::new))));
  }

  /** The accepted rows' typed columns under their declared names. */
  public static Dataset<Row> accepted(Dataset<Row> validated, IngestConfig config) {
    List<Column> cols = new ArrayList<>();
    for (ColumnSpec spec : config.schema()) {
      cols.add(functions.col(TYPED + spec.name()).as(spec.name()));
    }
    return validated.select(cols.toArray(Column[]::new));
  }

  /** The quarantined rows as they arrived (raw text), with their reasons and source file. */
  public static Dataset<Row> quarantined(Dataset<Row> validated, IngestConfig config) {
    List<Column> cols = new ArrayList<>();
    for (String c : config.columnNames()) {
      cols.add(functions.col(c));
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
    return out;
  }

  private static String article(String type) {
    return type.equals("int") ? "an int" : "a " + type;
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
