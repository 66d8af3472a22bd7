package io.lakeml.ingest;

import io.lakeml.config.ConfigException;
import io.lakeml.config.Settings;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code ingest { source, header, schema, missing-values, trim, rules, deduplicate, outliers,
 * partition-by, allow-empty }}: how raw files become the curated table.
 */
public record IngestConfig(
    SourceConfig source,
    HeaderPolicy header,
    List<ColumnSpec> schema,
    List<String> missingValues,
    boolean trim,
    List<RowRule> rules,
    Deduplication deduplicate,
    List<OutlierRule> outliers,
    List<String> partitionBy,
    boolean allowEmpty) {

  public IngestConfig {
    schema = List.copyOf(schema);
    missingValues = List.copyOf(missingValues);
    rules = List.copyOf(rules);
    outliers = List.copyOf(outliers);
    partitionBy = List.copyOf(partitionBy);
  }

  public static IngestConfig from(Settings s) {
    s.allowOnly(
        "source",
        "header",
        "schema",
        "missing-values",
        "trim",
        "rules",
        "deduplicate",
        "outliers",
        "partition-by",
        "allow-empty");
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
    List<String> declared = schema.stream().map(ColumnSpec::name).toList();
    List<String> missing =
        s.has("missing-values") ? s.stringList("missing-values") : List.of("", "?", "NA");
    HeaderPolicy header = HeaderPolicy.from(s.section("header"));
    HeaderPolicy.checkTargets(header.rename(), declared, s.key("header.rename"));
    Deduplication dedup = Deduplication.from(s, "deduplicate");
    requireDeclared(s.key("deduplicate.key"), dedup.key(), declared);
    dedup
        .keepLatestBy()
        .ifPresent(c -> requireDeclared(s.key("deduplicate.keep-latest-by"), List.of(c), declared));
    List<OutlierRule> outliers = s.sectionList("outliers").stream().map(OutlierRule::from).toList();
    for (OutlierRule o : outliers) {
      requireDeclared(s.key("outliers"), List.of(o.column()), declared);
      String type = schema.get(declared.indexOf(o.column())).type();
      if (!ColumnSpec.isNumeric(type)) {
        throw ConfigException.invalid(
            s.key("outliers"), o.column(), "a numeric column, not " + type);
      }
    }
    List<String> partitionBy = s.stringList("partition-by");
    requireDeclared(s.key("partition-by"), partitionBy, declared);
    return new IngestConfig(
        SourceConfig.from(s.section("source")),
        header,
        schema,
        missing,
        s.bool("trim", true),
        s.sectionList("rules").stream().map(RowRule::from).toList(),
        dedup,
        outliers,
        partitionBy,
        s.bool("allow-empty", false));
  }

  public List<String> columnNames() {
    return schema.stream().map(ColumnSpec::name).toList();
  }

  private static void requireDeclared(String key, List<String> columns, List<String> declared) {
    for (String c : columns) {
      if (!declared.contains(c)) {
        throw ConfigException.invalid(key, c, "a column declared in ingest.schema " + declared);
      }
    }
  }
}
