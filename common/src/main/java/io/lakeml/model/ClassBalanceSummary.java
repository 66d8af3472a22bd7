package io.lakeml.model;

import io.lakeml.config.ConfigName;
import io.lakeml.ml.JsonFields;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How a classifier's training rows were balanced: the weighting asked for, each class's weight, the
 * share of each class's rows down-sampling kept, and the training rows per class before and after.
 */
public record ClassBalanceSummary(
    Weighting weighting,
    Map<String, Double> weights,
    Map<String, Double> keep,
    Map<String, Long> before,
    Map<String, Long> after) {
  public ClassBalanceSummary {
    weights = copy(weights);
    keep = copy(keep);
    before = copy(before);
    after = copy(after);
  }

  /**
   * {@code train.class-weights}: none, balanced (n / (classes × n_class)) or explicit per class.
   */
  public enum Weighting implements ConfigName {
    NONE,
    BALANCED,
    EXPLICIT;

    public String configName() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Weighting byName(String name) {
      return ConfigName.of(Weighting.class, name, "class weighting");
    }
  }

  Map<String, Object> toMap() {
    return JsonFields.object(
        "class_weights", weighting.configName(),
        "weights", weights,
        "downsample_keep", keep,
        "train_rows_per_class_before", before,
        "train_rows_per_class_after", after);
  }

  static ClassBalanceSummary fromMap(JsonFields m) {
    return new ClassBalanceSummary(
        Weighting.byName(m.optionalString("class_weights").orElse("none")),
        m.numberMap("weights"),
        m.numberMap("downsample_keep"),
        m.longMap("train_rows_per_class_before"),
        m.longMap("train_rows_per_class_after"));
  }

  private static <V> Map<String, V> copy(Map<String, V> m) {
    return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(m));
  }
}
