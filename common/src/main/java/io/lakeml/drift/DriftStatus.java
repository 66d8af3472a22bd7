package io.lakeml.drift;

import io.lakeml.config.ConfigName;
import java.util.Locale;

/**
 * Where a batch, or one of its columns, stands against the drift thresholds. {@code empty} is a
 * batch without rows (nothing to compare); a column is never empty.
 */
public enum DriftStatus implements ConfigName {
  OK,
  WARN,
  ALERT,
  EMPTY;

  /** The name in {@code drift.json}, manifests and the page's badge. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static DriftStatus byName(String name) {
    return ConfigName.of(DriftStatus.class, name, "drift status");
  }
}
