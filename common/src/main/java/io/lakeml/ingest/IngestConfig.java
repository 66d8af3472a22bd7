package io.lakeml.ingest;

import io.lakeml.config.ConfigException;
import io.lakeml.config.Settings;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code ingest { source, schema, missing-values, trim, deduplicate, allow-empty }}: how raw files
 * become the curated table.
 */
public record IngestConfig(
    SourceConfig source,
    List<ColumnSpec> schema,
    List<String> missingValues,
    boolean trim,
    String deduplicate,
    boolean allowEmpty) {
  public static final List<String> DEDUPLICATE = List.of("none", "exact");

  public IngestConfig {
    schema = List.copyOf(schema);
    missingValues = List.copyOf(missingValues);
  }

  public static IngestConfig from(Settings s) {
    s.allowOnly("source", "schema", "missing-values", "trim", "deduplicate", "allow-empty");
    List<ColumnSpec> schema = s.sectionList("schema").stream().map(ColumnSpec::from).toList();
    if (schema.isEmpty()) {
      throw ConfigException.invalid(s.key("schema"), s.raw("schema"), "at least one column");
    }
    Set<String> seen = new HashSet<>();
    for (ColumnSpec c : schema) {
      if (!seen.add(c.name())) {
        throw ConfigException.invalid(s.key("schema"), c.name(), "unique column names");
      }
    }
    List<String> missing =
        s.has("missing-values") ? s.stringList("missing-values") : List.of("", "?", "NA");
    return new IngestConfig(
        SourceConfig.from(s.section("source")),
        schema,
        missing,
        s.bool("trim", true),
        s.choice("deduplicate", DEDUPLICATE, "exact"),
        s.bool("allow-empty", false));
  }

  public List<String> columnNames() {
    return schema.stream().map(ColumnSpec::name).toList();
  }
}
