package io.lakeml.quality;

import io.lakeml.config.ConfigException;
import io.lakeml.config.ConfigName;
import io.lakeml.config.Settings;
import java.util.List;
import java.util.Locale;
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
    Kind kind,
    Optional<String> column,
    OptionalDouble min,
    OptionalDouble max,
    List<String> values,
    OptionalDouble maxDecrease,
    OptionalDouble maxIncrease,
    Level level) {
  /** The checks, by their name in config, and what each needs. */
  public enum Kind implements ConfigName {
    ROW_COUNT("row-count", false),
    COMPLETENESS("completeness", true),
    UNIQUE("unique", true),
    ALLOWED_VALUES("allowed-values", true),
    MEAN("mean", true),
    STDDEV("stddev", true),
    QUARANTINE_RATIO("quarantine-ratio", false),
    ROW_COUNT_CHANGE("row-count-change", false),
    COMPLETENESS_CHANGE("completeness-change", true);

    private final String configName;
    private final boolean needsColumn;

    Kind(String configName, boolean needsColumn) {
      this.configName = configName;
      this.needsColumn = needsColumn;
    }

    public String configName() {
      return configName;
    }

    /** Compared with earlier runs kept in the lake, not with fixed bounds. */
    public boolean comparesHistory() {
      return this == ROW_COUNT_CHANGE || this == COMPLETENESS_CHANGE;
    }

    static Kind byName(String name) {
      return ConfigName.of(Kind.class, name, "check");
    }
  }

  /** An error fails the run before anything is published; a warning is reported only. */
  public enum Level {
    ERROR,
    WARNING;

    public String configName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public QualityCheck {
    values = List.copyOf(values);
  }

  public static QualityCheck from(Settings s) {
    s.allowOnly("check", "column", "min", "max", "values", "max-decrease", "max-increase", "level");
    Kind kind = s.choice("check", Kind.class);
    Optional<String> column = s.optionalString("column").filter(c -> !c.isBlank());
    if (kind.needsColumn && column.isEmpty()) {
      throw ConfigException.invalid(
          s.key("column"), null, "a column for a " + kind.configName() + " check");
    }
    OptionalDouble min = s.optionalNumber("min");
    OptionalDouble max = s.optionalNumber("max");
    List<String> values = s.stringList("values");
    OptionalDouble maxDecrease = s.optionalNumber("max-decrease");
    OptionalDouble maxIncrease = s.optionalNumber("max-increase");
    requireBounds(s, kind, min, max, values, maxDecrease.isPresent() || maxIncrease.isPresent());
    Level level =
        s.choice("level", List.of("error", "warning"), "error").equals("error")
            ? Level.ERROR
            : Level.WARNING;
    return new QualityCheck(kind, column, min, max, values, maxDecrease, maxIncrease, level);
  }

  /** Each kind's required settings, each missing one named with what it should be. */
  private static void requireBounds(
      Settings s,
      Kind kind,
      OptionalDouble min,
      OptionalDouble max,
      List<String> values,
      boolean hasChangeBound) {
    String name = kind.configName();
    if (kind == Kind.ALLOWED_VALUES && values.isEmpty()) {
      throw ConfigException.invalid(s.key("values"), s.raw("values"), "the allowed values");
    }
    if ((kind == Kind.ROW_COUNT || kind == Kind.MEAN || kind == Kind.STDDEV)
        && min.isEmpty()
        && max.isEmpty()) {
      throw ConfigException.invalid(s.key("min"), null, "min and/or max for a " + name + " check");
    }
    if (kind == Kind.COMPLETENESS && min.isEmpty()) {
      throw ConfigException.invalid(s.key("min"), null, "a minimum share in [0, 1]");
    }
    if (kind == Kind.QUARANTINE_RATIO && max.isEmpty()) {
      throw ConfigException.invalid(s.key("max"), null, "a maximum share in [0, 1]");
    }
    if (kind.comparesHistory() && !hasChangeBound) {
      throw ConfigException.invalid(
          s.key("max-decrease"), null, "max-decrease and/or max-increase for a " + name + " check");
    }
  }

  /** A short readable name, such as {@code completeness(age)}. */
  public String describe() {
    return kind.configName() + column.map(c -> "(" + c + ")").orElse("");
  }

  public boolean isError() {
    return level == Level.ERROR;
  }
}
