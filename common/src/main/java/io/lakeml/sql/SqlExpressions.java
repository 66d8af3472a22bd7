package io.lakeml.sql;

import io.lakeml.config.ConfigException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.parser.CatalystSqlParser$;
import scala.collection.Iterator;

/**
 * SQL expressions written in config (row rules, derived feature columns), parsed with Spark's own
 * parser before any session exists, so a typo fails with the key and the text instead of at run
 * time.
 */
public final class SqlExpressions {
  private SqlExpressions() {}

  /** Parses {@code expr}; fails naming the key, the text and what was expected. */
  public static Expression parse(String key, String expr, String expected) {
    try {
      return CatalystSqlParser$.MODULE$.parseExpression(expr);
    } catch (Exception e) { // Spark's ParseException is checked, though Scala throws it freely
      throw ConfigException.invalid(key, expr, expected);
    }
  }

  /** The column names an expression reads, in order of appearance. */
  public static List<String> columns(Expression parsed) {
    List<String> out = new ArrayList<>();
    Iterator<Attribute> it = parsed.references().iterator();
    while (it.hasNext()) {
      String name = it.next().name();
      if (!out.contains(name)) {
        out.add(name);
      }
    }
    return out;
  }
}
