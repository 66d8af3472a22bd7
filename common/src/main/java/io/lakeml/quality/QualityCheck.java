package io.lakeml.quality;

import io.lakeml.config.ConfigException;
import io.lakeml.config.Settings;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One dataset-level check from {@code quality.checks}, evaluated on the rows about to be published
 * (the accepted rows of the run date):
 *
 * <ul>
 *   <li>{@code row-count} — {@code min} / {@code max} rows;
 *   <li>{@code completeness} — share of non-null values of {@code column} at least {@code min};
 *   <li>{@code unique} — {@code column} has no repeated value;
 *   <li>{@code allowed-values} — at least {@code min} (default 1) of {@code column}'s values are in
 *       {@code values};
 *   <li>{@code mean}, {@code stddev} — of {@code column}, within {@code min} / {@code max};
 *   <li>{@code quarantine-ratio} — quarantined / read at most {@code max};
 *   <li>{@code row-count-change}, {@code completeness-change} — against the previous runs stored in
 *       the lake: relative change within {@code max-decrease} / {@code max-increase} (0.5 means a
 *       fall to half / a rise by half).
 * </ul>
 *
 * <p>{@code level = error} (default) fails the run before anything is published; {@code warning} is
 * reported only.
 */
public record QualityCheck(
    String check,
    Optional<String> column,
    OptionalDouble min,
    OptionalDouble max,
    List<String> values,
    OptionalDouble maxDecrease,
    OptionalDouble maxIncrease,
    String level) {
  public static final List<String> KINDS =
      List.of(
          "row-count",
          "completeness",
          "unique",
          "allowed-values",
          "mean",
          "stddev",
          "quarantine-ratio",
          "row-count-change",
          "completeness-change");
  public static final List<String> LEVELS = List.of("error", "warning");

  public QualityCheck {
    values = List.copyOf(values);
  }

  public static QualityCheck from(Settings s) {
    s.allowOnly("check", "column", "min", "max", "values", "max-decrease", "max-increase", "level");
    String check = s.choice("check", KINDS);
    Optional<String> column = s.optionalString("column").filter(c -> !c.isBlank());
    boolean needsColumn =
        List.of("completeness", "unique", "allowed-values", "mean", "stddev", "completeness-change")
            .contains(check);
    if (needsColumn && column.isEmpty()) {
      throw ConfigException.invalid(s.key("column"), null, "a column for a " + check + " check");
    }
    OptionalDouble min = s.optionalNumber("min");
    OptionalDouble max = s.optionalNumber("max");
    List<String> values = s.stringList("values");
    if (check.equals("allowed-values") && values.isEmpty()) {
      throw ConfigException.invalid(s.key("values"), s.raw("values"), "the allowed values");
    }
    if (List.of("row-count", "mean", "stddev").contains(check) && min.isEmpty() && max.isEmpty()) {
      throw ConfigException.invalid(s.key("min"), null, "min and/or max for a " + check + " check");
    }
    if (check.equals("completeness") && min.isEmpty()) {
      throw ConfigException.invalid(s.key("min"), null, "a minimum share in [0, 1]");
    }
    if (check.equals("quarantine-ratio") && max.isEmpty()) {
      throw ConfigException.invalid(s.key("max"), null, "a maximum share in [0, 1]");
    }
    OptionalDouble maxDecrease = s.optionalNumber("max-decrease");
    OptionalDouble maxIncrease = s.optionalNumber("max-increase");
    if (check.endsWith("-change") && maxDecrease.isEmpty() && maxIncrease.isEmpty()) {
      throw ConfigException.invalid(
          s.key("max-decrease"),
          null,
          "max-decrease and/or max-increase for a " + check + " check");
    }
    return new QualityCheck(
        check,
        column,
        min,
        max,
        values,
        maxDecrease,
        maxIncrease,
        s.choice("level", LEVELS, "error"));
  }

  /** A short readable name, such as {@code completeness(age)}. */
  public String describe() {
    return check + column.map(c -> "(" + c + ")").orElse("");
  }

  public boolean isError() {
    return level.equals("error");
  }
}
