package io.lakeml.ml;

import io.lakeml.config.ConfigName;
import java.util.Locale;

/**
 * The three parts a model's rows are split into; the name is the value of {@link HashSplit#COLUMN}.
 */
public enum Split implements ConfigName {
  TRAIN,
  VALIDATION,
  TEST;

  /** The name in the split column, in metadata and in manifests: {@code train}, ... */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Split byName(String name) {
    return ConfigName.of(Split.class, name, "split");
  }
}
