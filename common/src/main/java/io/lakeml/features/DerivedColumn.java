package io.lakeml.features;

import io.lakeml.config.ConfigException;
import io.lakeml.config.Settings;
import io.lakeml.sql.Identifiers;
import io.lakeml.sql.SqlExpressions;
import java.util.List;

/**
 * {@code features.derived = [ { name, expr, type } ]}: a column computed by a SQL expression over
 * the input row, inside the model's pipeline (so scoring computes it the same way): ratios such as
 * {@code injury_claim / total_claim_amount}, date parts such as {@code month(policy_bind_date)},
 * durations such as {@code datediff(DATE'2015-03-01', policy_bind_date)}. It joins the numeric or
 * the categorical features according to {@code type}.
 *
 * @param reads the input columns the expression reads, which scoring must supply
 */
public record DerivedColumn(String name, String expr, boolean categorical, List<String> reads) {
  public DerivedColumn {
    reads = List.copyOf(reads);
  }

  public static DerivedColumn from(Settings s) {
    s.allowOnly("name", "expr", "type");
    String name = s.string("name");
    if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw ConfigException.invalid(
          s.key("name"), name, "a column name of letters, digits and '_'");
    }
    String expr = s.string("expr");
    List<String> reads =
        SqlExpressions.columns(SqlExpressions.parse(s.key("expr"), expr, "a SQL expression"));
    boolean categorical =
        s.choice("type", List.of("numeric", "categorical"), "numeric").equals("categorical");
    return new DerivedColumn(name, expr, categorical, reads);
  }

  /** The select-list item: the expression cast to the feature's type, named. */
  String selectItem() {
    return String.format(
        "CAST((%s) AS %s) AS %s", expr, categorical ? "STRING" : "DOUBLE", Identifiers.quote(name));
  }
}
