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

  /** Every input column plus the given select-list items. */
  static SQLTransformer addColumns(List<String> items) {
    return new SQLTransformer()
        .setStatement(
            "SELECT *, " + items.stream().collect(Collectors.joining(", ")) + " FROM __THIS__");
  }
}
