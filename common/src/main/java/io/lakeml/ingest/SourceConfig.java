package io.lakeml.ingest;

import io.lakeml.config.ConfigException;
import io.lakeml.config.Settings;
import java.util.List;
import java.util.Optional;

/**
 * {@code ingest.source { path, format, header, delimiter, quote, escape, encoding, multi-line }}.
 * Without a path the job reads the run date's partition of the raw zone.
 */
public record SourceConfig(
    Optional<String> path,
    String format,
    boolean header,
    String delimiter,
    String quote,
    String escape,
    String encoding,
    boolean multiLine) {
  public static final List<String> FORMATS = List.of("csv", "json", "parquet");

  public static SourceConfig from(Settings s) {
    s.allowOnly(
        "path", "format", "header", "delimiter", "quote", "escape", "encoding", "multi-line");
    String delimiter = s.string("delimiter", ",");
    if (delimiter.isEmpty()) {
      throw ConfigException.invalid(s.key("delimiter"), delimiter, "one character");
    }
    return new SourceConfig(
        s.optionalString("path").filter(p -> !p.isBlank()),
        s.choice("format", FORMATS, "csv"),
        s.bool("header", true),
        delimiter,
        s.string("quote", "\""),
        s.string("escape", "\""),
        s.string("encoding", "UTF-8"),
        s.bool("multi-line", false));
  }
}
