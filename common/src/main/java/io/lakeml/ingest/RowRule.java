package io.lakeml.ingest;

import io.lakeml.config.ConfigException;
import io.lakeml.config.Settings;
import io.lakeml.sql.SqlExpressions;

/**
 * {@code ingest.rules = [ { name, expr } ]}: a SQL boolean expression over the typed, declared
 * columns that every accepted row must satisfy, such as {@code total_claim_amount = injury_claim +
 * property_claim + vehicle_claim}. A row where it is false is quarantined with {@code rule:<name>};
 * where it is null (a value is missing) the rule does not apply.
 */
public record RowRule(String name, String expr) {
  public static RowRule from(Settings s) {
    s.allowOnly("name", "expr");
    String name = s.string("name");
    if (!name.matches("[A-Za-z0-9_-]+")) {
      throw ConfigException.invalid(
          s.key("name"), name, "a rule name of letters, digits, '_', '-'");
    }
    String expr = s.string("expr");
    SqlExpressions.parse(s.key("expr"), expr, "a SQL boolean expression");
    return new RowRule(name, expr);
  }
}
