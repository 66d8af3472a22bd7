package io.lakeml.ingest;

import io.lakeml.config.ConfigException;
import io.lakeml.config.Settings;
import java.util.List;
import java.util.Optional;

/**
 * {@code ingest.deduplicate}: {@code none}, {@code exact} (rows equal in every declared column), or
 * {@code { key = [...], keep-latest-by = column }} (one row per key: the one with the greatest
 * value of the column, ties broken by source file).
 */
public record Deduplication(String mode, List<String> key, Optional<String> keepLatestBy) {
  public static final List<String> MODES = List.of("none", "exact", "key");

  public Deduplication {
    key = List.copyOf(key);
  }

  public static Deduplication from(Settings parent, String field) {
    if (!parent.has(field)) {
      return new Deduplication("exact", List.of(), Optional.empty());
    }
    Object raw = parent.raw(field);
    if (!(raw instanceof java.util.Map)) {
      return new Deduplication(
          parent.choice(field, List.of("none", "exact")), List.of(), Optional.empty());
    }
    Settings s = parent.section(field);
    s.allowOnly("key", "keep-latest-by");
    List<String> key = s.stringList("key");
    if (key.isEmpty()) {
      throw ConfigException.invalid(s.key("key"), s.raw("key"), "the key columns");
    }
    return new Deduplication(
        "key", key, s.optionalString("keep-latest-by").filter(c -> !c.isBlank()));
  }
}
