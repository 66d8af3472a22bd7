package io.lakeml.ingest;

import io.lakeml.sql.Identifiers;
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

  /** The packed payload of a rejected row; see {@link #packRejects}. */
  static final String REJECT = "_reject";

  /** Prefix of the original text of each declared column. */
  static final String RAW = "_raw_";

  /** Prefix of the cleaned text (trimmed, missing tokens as null) while validating. */
  private static final String TEXT = "_text_";

  private static final String REPLACEMENT_CHAR = "\uFFFD";
  private static final org.apache.spark.sql.types.DataType MAP_OF_TEXT =
      org.apache.spark.sql.types.DataTypes.createMapType(
          org.apache.spark.sql.types.DataTypes.StringType,
          org.apache.spark.sql.types.DataTypes.StringType);
  private static final org.apache.spark.sql.types.DataType ARRAY_OF_TEXT =
      org.apache.spark.sql.types.DataTypes.createArrayType(
          org.apache.spark.sql.types.DataTypes.StringType);

  private RowValidator() {}

  /**
   * Each declared column as the original text, the cleaned text and the typed value, and every
   * reason to reject the row, in one list. In stages, so each value is cleaned once and converted
   * once: Spark does not share subexpressions across CASE WHEN branches, and the rules refer to
   * both several times.
   */
  public static Dataset<Row> validate(Dataset<Row> raw, IngestConfig config) {
    List<Column> cleaned = new ArrayList<>();
    for (ColumnSpec spec : config.schema()) {
      Column original = functions.col(Identifiers.quote(spec.name()));
      cleaned.add(original.as(RAW + spec.name()));
      cleaned.add(clean(original, config).as(TEXT + spec.name()));
    }
    cleaned.add(functions.col(RawReader.CORRUPT));
    cleaned.add(functions.col(RawReader.SOURCE_FILE));

    List<Column> typed = new ArrayList<>();
    typed.add(functions.col("*"));
    for (ColumnSpec spec : config.schema()) {
      typed.add(typed(functions.col(TEXT + spec.name()), spec).as(spec.name()));
    }

    List<Column> validated = new ArrayList<>();
    for (ColumnSpec spec : config.schema()) {
      validated.add(functions.col(RAW + spec.name()));
      validated.add(functions.col(spec.name()));
    }
    validated.add(functions.col(RawReader.CORRUPT));
    validated.add(functions.col(RawReader.SOURCE_FILE));
    validated.add(reasonList(reasons(config)).as(REASONS));
    return raw.select(cleaned.toArray(Column[]::new))
        .select(typed.toArray(Column[]::new))
        .select(validated.toArray(Column[]::new));
  }

  /**
   * Every reason a row can be rejected for, each a column that is null unless it applies: the
   * record does not parse, a value's bytes, type, nullability or bounds, and the row rules.
   */
  private static List<Column> reasons(IngestConfig config) {
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
      Column original = functions.col(RAW + spec.name());
      Column text = functions.col(TEXT + spec.name());
      Column value = functions.col(spec.name());
      if (utf8) {
        reasons.add(encoding(spec, original, value));
      }
      reasons.addAll(rules(spec, text, value));
      if (json && spec.type().equals("string")) {
        reasons.add(jsonStructure(spec, text));
      }
    }
    for (RowRule rule : config.rules()) {
      reasons.add(
          functions.when(
              functions.not(functions.coalesce(functions.expr(rule.expr()), functions.lit(true))),
              functions.lit("rule:" + rule.name() + ": " + rule.expr())));
    }
    return reasons;
  }

  /**
   * Every rule a row can break under this configuration, as its reasons name it ({@code
   * malformed:record}, {@code type:age}, {@code rule:claim_sum}, ...): what rejections are counted
   * by. Mirrors {@link #reasons}.
   */
  static List<String> rules(IngestConfig config) {
    List<String> rules = new ArrayList<>();
    rules.add("malformed:record");
    boolean utf8 = config.source().encoding().replace("-", "").equalsIgnoreCase("utf8");
    boolean json = config.source().format().equals("json");
    for (ColumnSpec spec : config.schema()) {
      String c = spec.name();
      if (utf8) {
        rules.add("encoding:" + c);
      }
      if (!spec.type().equals("string") || json) {
        rules.add("type:" + c);
      }
      if (!spec.nullable()) {
        rules.add("required:" + c);
      }
      if (spec.min().isPresent() || spec.max().isPresent()) {
        rules.add("range:" + c);
      }
      if (!spec.allowed().isEmpty()) {
        rules.add("allowed:" + c);
      }
      if (spec.pattern().isPresent()) {
        rules.add("pattern:" + c);
      }
    }
    for (RowRule rule : config.rules()) {
      rules.add("rule:" + rule.name());
    }
    for (OutlierRule o : config.outliers()) {
      if (o.action().equals("quarantine")) {
        rules.add("outlier:" + o.column());
      }
    }
    return rules;
  }

  /**
   * The rejected rows' payload — original text, malformed record, reasons and (unless {@code
   * keepSourceFile}, when every row needs it) the source file — packed into one column, {@value
   * #REJECT}, null on accepted rows. Rows travel through the day's shuffle in this form: an
   * accepted row carries one null field for the payload instead of one per declared column, which
   * halves the shuffle's row width. {@link #unpackRejects} restores the validated layout.
   */
  public static Dataset<Row> packRejects(
      Dataset<Row> validated, IngestConfig config, boolean keepSourceFile) {
    List<Column> payload = new ArrayList<>();
    for (String c : config.columnNames()) {
      payload.add(functions.col(RAW + c));
    }
    payload.add(functions.col(RawReader.CORRUPT));
    payload.add(functions.col(REASONS));
    if (!keepSourceFile) {
      payload.add(functions.col(RawReader.SOURCE_FILE));
    }
    List<Column> cols = new ArrayList<>();
    for (String c : config.columnNames()) {
      cols.add(functions.col(Identifiers.quote(c)));
    }
    if (keepSourceFile) {
      cols.add(functions.col(RawReader.SOURCE_FILE));
    }
    cols.add(
        functions
            .when(functions.not(isAccepted()), functions.struct(payload.toArray(Column[]::new)))
            .as(REJECT));
    return validated.select(cols.toArray(Column[]::new));
  }

  /** Whether a packed row ({@link #packRejects}) was accepted. */
  static Column isAcceptedPacked() {
    return functions.col(REJECT).isNull();
  }

  /**
   * The validated layout of packed rows: every column of {@code packed} but {@value #REJECT}, then
   * the payload's fields (null on accepted rows, whose reason list is empty).
   */
  static Dataset<Row> unpackRejects(Dataset<Row> packed) {
    List<Column> cols = new ArrayList<>();
    for (String c : packed.columns()) {
      if (!c.equals(REJECT)) {
        cols.add(functions.col(Identifiers.quote(c)));
      }
    }
    org.apache.spark.sql.types.StructType payload =
        (org.apache.spark.sql.types.StructType) packed.schema().apply(REJECT).dataType();
    for (String f : payload.fieldNames()) {
      Column field = functions.col(REJECT).getField(f);
      cols.add(
          (f.equals(REASONS)
                  ? functions.coalesce(field, functions.array().cast("array<string>"))
                  : field)
              .as(f));
    }
    return packed.select(cols.toArray(Column[]::new));
  }

  /**
   * Spark decodes invalid UTF-8 bytes to U+FFFD without a word; that is not the data. A typed value
   * with such a character cannot convert, so for typed columns the search runs only where the value
   * is null: the same reasons, without scanning every value of every row.
   */
  private static Column encoding(ColumnSpec spec, Column original, Column value) {
    Column broken = original.contains(REPLACEMENT_CHAR);
    if (!spec.type().equals("string")) {
      broken = value.isNull().and(broken);
    }
    return functions.when(
        broken, functions.lit("encoding:" + spec.name() + ": invalid UTF-8 bytes"));
  }

  private static Column jsonStructure(ColumnSpec spec, Column text) {
    // Spark keeps a JSON object or array given for a text field as its JSON text.
    Column structured =
        functions
            .from_json(text, MAP_OF_TEXT, java.util.Map.of())
            .isNotNull()
            .or(functions.from_json(text, ARRAY_OF_TEXT, java.util.Map.of()).isNotNull());
    return functions.when(
        text.rlike("^\\s*[\\[{]").and(structured),
        functions.lit("type:" + spec.name() + ": a JSON object or array, not text"));
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

  /**
   * The messages of the reasons that apply, as an array. Most rows break no rule: one cheap boolean
   * test decides that, and only the others build the array (building a ~60-element array per row
   * made validation several times slower than parsing).
   */
  static Column reasonList(List<Column> reasons) {
    if (reasons.isEmpty()) {
      return functions.array().cast("array<string>");
    }
    Column anyBroken = functions.lit(false);
    for (Column r : reasons) {
      anyBroken = anyBroken.or(r.isNotNull());
    }
    return functions
        .when(functions.not(anyBroken), functions.array().cast("array<string>"))
        .otherwise(functions.array_compact(functions.array(reasons.toArray(Column[]::new))));
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
      case "string" -> text;
      case "date", "timestamp" ->
          spec.format()
              .map(
                  f -> {
                    Column ts = functions.call_function("try_to_timestamp", text, functions.lit(f));
                    return spec.type().equals("date") ? ts.cast("date") : ts;
                  })
              .orElse(tryCast(text, spec));
        // ANSI conversion that yields null instead of failing: '3.7' is not an int (a plain cast
        // would truncate it to 3), and an overflow is not a number.
      default -> tryCast(text, spec);
    };
  }

  private static Column tryCast(Column text, ColumnSpec spec) {
    return new Column(
        new org.apache.spark.sql.catalyst.expressions.Cast(
            text.expr(),
            spec.sparkType(),
            scala.Option.empty(),
            org.apache.spark.sql.catalyst.expressions.EvalMode$.MODULE$.TRY()));
  }

  static List<Column> rules(ColumnSpec spec, Column text, Column typed) {
    List<Column> out = new ArrayList<>(typeRules(spec, text, typed));
    String name = spec.name();
    spec.min()
        .ifPresent(
            min ->
                out.add(
                    reason(
                        typed.lt(min),
                        functions.lit("range:" + name + ": "),
                        typed.cast("string"),
                        functions.lit(" < min " + fmt(min)))));
    spec.max()
        .ifPresent(
            max ->
                out.add(
                    reason(
                        typed.gt(max),
                        functions.lit("range:" + name + ": "),
                        typed.cast("string"),
                        functions.lit(" > max " + fmt(max)))));
    if (!spec.allowed().isEmpty()) {
      out.add(
          reason(
              typed
                  .isNotNull()
                  .and(functions.not(typed.cast("string").isin(spec.allowed().toArray()))),
              functions.lit("allowed:" + name + ": '"),
              typed.cast("string"),
              functions.lit("' not in " + spec.allowed())));
    }
    spec.pattern()
        .ifPresent(
            p ->
                out.add(
                    reason(
                        text.isNotNull().and(functions.not(text.rlike(p))),
                        functions.lit("pattern:" + name + ": '"),
                        text,
                        functions.lit("' does not match " + p))));
    return out;
  }

  /** The rules about the value's type and presence, before any range or set is checked. */
  private static List<Column> typeRules(ColumnSpec spec, Column text, Column typed) {
    String name = spec.name();
    List<Column> out = new ArrayList<>();
    if (!spec.type().equals("string")) {
      out.add(
          reason(
              text.isNotNull().and(typed.isNull()),
              functions.lit("type:" + name + ": not " + article(spec.type()) + ": '"),
              text,
              functions.lit("'")));
    }
    if (spec.type().equals("double") && !spec.allowNonFinite()) {
      // NaN and infinity pass a cast, and "1e400" parses as infinity: none is a measurement.
      out.add(
          reason(
              typed
                  .isNotNull()
                  .and(
                      functions
                          .isnan(typed)
                          .or(functions.abs(typed).equalTo(Double.POSITIVE_INFINITY))),
              functions.lit("type:" + name + ": not a finite double: '"),
              text,
              functions.lit("'")));
    }
    if (!spec.nullable()) {
      out.add(functions.when(text.isNull(), functions.lit("required:" + name + ": value missing")));
    }
    return out;
  }

  /** The reason text when {@code broken} holds, else null. */
  private static Column reason(Column broken, Column... text) {
    return functions.when(broken, functions.concat(text));
  }

  private static String article(String type) {
    return type.equals("int") ? "an int" : "a " + type;
  }

  static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
