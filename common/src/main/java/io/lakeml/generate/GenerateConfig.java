package io.lakeml.generate;

import io.lakeml.config.Settings;
import java.util.List;
import java.util.Optional;

/**
 * {@code generate { ... }}: the synthetic insurance-claims generator.
 *
 * @param rows lines to write (duplicates included)
 * @param seed every value is a function of (seed, row number), so output is identical for any
 *     partitioning
 * @param format csv, json or parquet
 * @param dirtyFraction share of rows made dirty (bad type, missing required value, out of range,
 *     duplicate), each kind counted
 * @param partitions output files; 0 picks one per ~500k rows
 * @param output where to write; empty means {@code raw/<dataset>/run_date=<D>/}
 * @param singleFile write exactly one file at {@code output} instead of a folder of parts
 */
public record GenerateConfig(
    long rows,
    long seed,
    String format,
    double dirtyFraction,
    int partitions,
    Optional<String> output,
    boolean singleFile) {
  public static final List<String> FORMATS = List.of("csv", "json", "parquet");

  public static GenerateConfig from(Settings s) {
    s.allowOnly("rows", "seed", "format", "dirty-fraction", "partitions", "output", "single-file");
    return new GenerateConfig(
        s.longValue("rows", 1, 2_000_000_000L, 5000),
        s.longValue("seed", Long.MIN_VALUE, Long.MAX_VALUE, 42),
        s.choice("format", FORMATS, "csv"),
        s.number("dirty-fraction", 0.0, 0.5, 0.0),
        s.integer("partitions", 0, 100_000, 0),
        s.optionalString("output").filter(o -> !o.isBlank()),
        s.bool("single-file", false));
  }
}
