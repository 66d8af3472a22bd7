package io.lakeml.features;

import io.lakeml.config.ConfigException;
import io.lakeml.config.Settings;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * {@code features.pca { k }} or {@code features.pca { explained-variance }}: the feature vector
 * projected on its first k principal components, k fixed or the smallest reaching the target share
 * of the variance on the training rows.
 */
public record PcaSpec(OptionalInt k, OptionalDouble explainedVariance) {
  static PcaSpec from(Settings s) {
    s.allowOnly("k", "explained-variance");
    if (s.has("k") == s.has("explained-variance")) {
      throw ConfigException.invalid(
          s.key("k"), s.raw("k"), "either k or explained-variance (not both)");
    }
    if (s.has("k")) {
      return new PcaSpec(OptionalInt.of(s.integer("k", 1, 100_000)), OptionalDouble.empty());
    }
    double target = s.number("explained-variance", 0.0, 1.0);
    if (target <= 0.0) {
      throw ConfigException.invalid(s.key("explained-variance"), target, "a fraction in (0, 1]");
    }
    return new PcaSpec(OptionalInt.empty(), OptionalDouble.of(target));
  }
}
