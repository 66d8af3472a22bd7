package io.lakeml.features;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.ml.feature.SQLTransformer;

/**
 * SQL text for the {@link SQLTransformer} stages: identifiers quoted with {@link
 * io.lakeml.io.Identifiers}, literals, one {@code SELECT *, ...}.
 */
final class Sql {
  private Sql() {}

  /** A SQL string literal. */
  static String literal(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  /**
   * A SQL double literal that parses back to exactly {@code value} ({@link Double#toString}
   * round-trips); NaN and the infinities as casts.
   */
  static String literal(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return "CAST('" + value + "' AS DOUBLE)";
    }
    return "(" + value + "D)";
  }

  /** Every input column plus the given select-list items. */
  static SQLTransformer addColumns(List<String> items) {
    return new SQLTransformer()
        .setStatement(
            "SELECT *, " + items.stream().collect(Collectors.joining(", ")) + " FROM __THIS__");
  }
}
