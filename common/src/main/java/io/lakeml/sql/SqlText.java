package io.lakeml.sql;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.ml.feature.SQLTransformer;

/**
 * SQL text written by lakeml itself, for the {@link SQLTransformer} stages a model saves: literals
 * that parse back to exactly the value, and one {@code SELECT *, ...} (identifiers are quoted with
 * {@link Identifiers}).
 */
public final class SqlText {
  private SqlText() {}

  /** A SQL string literal. */
  public static String literal(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  /**
   * A SQL double literal that parses back to exactly {@code value} ({@link Double#toString}
   * round-trips); NaN and the infinities as casts.
   */
  public static String literal(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return "CAST('" + value + "' AS DOUBLE)";
    }
    return "(" + value + "D)";
  }

  /** Every input column plus the given select-list items. */
  public static SQLTransformer addColumns(List<String> items) {
    return new SQLTransformer()
        .setStatement(
            "SELECT *, " + items.stream().collect(Collectors.joining(", ")) + " FROM __THIS__");
  }
}
