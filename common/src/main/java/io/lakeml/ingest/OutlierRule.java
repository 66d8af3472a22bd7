package io.lakeml.ingest;

import io.lakeml.config.ConfigException;
import io.lakeml.config.Settings;
import java.util.List;
import java.util.OptionalDouble;

/**
 * {@code ingest.outliers = [ { column, method, action, ... } ]}: values far from the rest.
 *
 * <ul>
 *   <li>{@code method = bounds}: outside {@code min} / {@code max};
 *   <li>{@code method = iqr}: outside [Q1 − k·IQR, Q3 + k·IQR] ({@code k}, default 1.5);
 *   <li>{@code method = zscore}: more than {@code z} standard deviations from the mean (default 3).
 * </ul>
 *
 * <p>Statistics come from the run's valid rows. {@code action = flag} adds a boolean column {@code
 * <column>_outlier}; {@code clip} replaces the value with the bound it crossed; {@code quarantine}
 * rejects the row with an {@code outlier:<column>} reason.
 */
public record OutlierRule(
    String column,
    String method,
    String action,
    OptionalDouble min,
    OptionalDouble max,
    double k,
    double z) {
  public static final List<String> METHODS = List.of("bounds", "iqr", "zscore");
  public static final List<String> ACTIONS = List.of("flag", "clip", "quarantine");

  public static OutlierRule from(Settings s) {
    s.allowOnly("column", "method", "action", "min", "max", "k", "z");
    String method = s.choice("method", METHODS);
    OptionalDouble min = s.optionalNumber("min");
    OptionalDouble max = s.optionalNumber("max");
    if (method.equals("bounds") && min.isEmpty() && max.isEmpty()) {
      throw ConfigException.invalid(s.key("min"), null, "min and/or max for method = bounds");
    }
    return new OutlierRule(
        s.string("column"),
        method,
        s.choice("action", ACTIONS),
        min,
        max,
        s.number("k", 0.0, 100.0, 1.5),
        s.number("z", 0.0, 100.0, 3.0));
  }

  /** IQR and z-score bounds come from the data, and so need a pass over it. */
  public boolean needsStatistics() {
    return !method.equals("bounds");
  }

  /** Flag rules only add a column; clip and quarantine change what is published. */
  public boolean changesRows() {
    return !action.equals("flag");
  }

  public String flagColumn() {
    return column + "_outlier";
  }
}
