package io.lakeml.generate;

import io.lakeml.config.ConfigException;
import io.lakeml.config.Settings;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
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
 * @param daily each run date gets its own claims (rows numbered from the date's epoch day × {@value
 *     #ROWS_PER_DAY}), so a sequence of days is a sequence of different batches
 * @param shift from a date on, draw claims from a shifted distribution (to play drift)
 */
public record GenerateConfig(
    long rows,
    long seed,
    String format,
    double dirtyFraction,
    int partitions,
    Optional<String> output,
    boolean singleFile,
    boolean daily,
    Optional<DatedShift> shift) {
  public static final List<String> FORMATS = List.of("csv", "json", "parquet");

  /** Row numbers a day owns when {@code daily}: no two days share a row or policy number. */
  public static final long ROWS_PER_DAY = 10_000_000L;

  /** {@code shift { from, claim-scale, unknown-police-report, new-make-share }}. */
  public record DatedShift(LocalDate from, Shift shift) {}

  /** The first row number of a run date's claims. */
  public long firstRow(LocalDate runDate) {
    return daily ? runDate.toEpochDay() * ROWS_PER_DAY : 0;
  }

  /** The distribution a run date's claims are drawn from. */
  public Shift shiftOn(LocalDate runDate) {
    return shift.filter(d -> !runDate.isBefore(d.from())).map(DatedShift::shift).orElse(Shift.NONE);
  }

  public static GenerateConfig from(Settings s) {
    s.allowOnly(
        "rows",
        "seed",
        "format",
        "dirty-fraction",
        "partitions",
        "output",
        "single-file",
        "daily",
        "shift");
    boolean daily = s.bool("daily", false);
    long rows = s.longValue("rows", 1, daily ? ROWS_PER_DAY : 2_000_000_000L, 5000);
    return new GenerateConfig(
        rows,
        s.longValue("seed", Long.MIN_VALUE, Long.MAX_VALUE, 42),
        s.choice("format", FORMATS, "csv"),
        s.number("dirty-fraction", 0.0, 0.5, 0.0),
        s.integer("partitions", 0, 100_000, 0),
        s.optionalString("output").filter(o -> !o.isBlank()),
        s.bool("single-file", false),
        daily,
        s.has("shift") ? Optional.of(shift(s.section("shift"))) : Optional.empty());
  }

  private static DatedShift shift(Settings s) {
    s.allowOnly("from", "claim-scale", "unknown-police-report", "new-make-share");
    String from = s.string("from");
    LocalDate date;
    try {
      date = LocalDate.parse(from);
    } catch (DateTimeParseException e) {
      throw ConfigException.invalid(s.key("from"), from, "a date as YYYY-MM-DD");
    }
    return new DatedShift(
        date,
        new Shift(
            s.number("claim-scale", 0.01, 100.0, Shift.NONE.claimScale()),
            s.number("unknown-police-report", 0.0, 1.0, Shift.NONE.unknownPoliceReport()),
            s.number("new-make-share", 0.0, 1.0, Shift.NONE.newMakeShare())));
  }
}
