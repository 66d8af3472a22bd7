package io.lakeml.ingest;

import io.lakeml.config.ConfigException;
import io.lakeml.config.Settings;
import java.util.List;
import java.util.Map;

/**
 * {@code ingest.header { rename, extra-columns, order }}: how strictly a CSV header must match the
 * declared schema. By default a missing, extra or reordered column fails the run naming it; {@code
 * rename} maps a source name to a declared one, {@code extra-columns = ignore} drops undeclared
 * columns, {@code order = any} matches columns by name.
 */
public record HeaderPolicy(Map<String, String> rename, boolean ignoreExtra, boolean anyOrder) {
  public HeaderPolicy {
    rename = Map.copyOf(rename);
  }

  public static HeaderPolicy from(Settings s) {
    s.allowOnly("rename", "extra-columns", "order");
    Map<String, String> rename = s.section("rename").stringMapOfKeys();
    return new HeaderPolicy(
        rename,
        s.choice("extra-columns", List.of("error", "ignore"), "error").equals("ignore"),
        s.choice("order", List.of("strict", "any"), "strict").equals("any"));
  }

  /** The declared name of a source column. */
  public String declaredName(String source) {
    return rename.getOrDefault(source, source);
  }

  static void checkTargets(Map<String, String> rename, List<String> declared, String key) {
    for (Map.Entry<String, String> e : rename.entrySet()) {
      if (!declared.contains(e.getValue())) {
        throw ConfigException.invalid(
            key + ".\"" + e.getKey() + "\"", e.getValue(), "a column declared in ingest.schema");
      }
    }
  }
}
