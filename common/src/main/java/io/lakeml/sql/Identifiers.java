package io.lakeml.sql;

/** Column names as Spark SQL identifiers. */
public final class Identifiers {
  private Identifiers() {}

  /**
   * A column name as a SQL identifier, for {@code Dataset.col} and SQL text: back-quoted, with
   * back-ticks doubled, so names with spaces, dots or back-ticks resolve to the column itself.
   */
  public static String quote(String column) {
    return "`" + column.replace("`", "``") + "`";
  }
}
