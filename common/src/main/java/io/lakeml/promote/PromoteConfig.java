package io.lakeml.promote;

import io.lakeml.config.Settings;
import io.lakeml.ml.Metric;
import io.lakeml.model.ModelRegistry;
import java.util.Arrays;
import java.util.Optional;

/**
 * {@code promote { model-version, metric, min-improvement }}: the rule that makes a version the
 * champion. The candidate (by default the latest version) replaces the champion only if its {@code
 * metric} on the candidate's test rows beats the champion's on the same rows by at least {@code
 * min-improvement}; the first model of a name becomes champion by default.
 */
public record PromoteConfig(String modelVersion, Optional<Metric> metric, double minImprovement) {
  public static PromoteConfig from(Settings s) {
    s.allowOnly("model-version", "metric", "min-improvement");
    Optional<Metric> metric =
        s.has("metric")
            ? Optional.of(
                Metric.byName(
                    s.choice(
                        "metric", Arrays.stream(Metric.values()).map(Metric::configName).toList())))
            : Optional.empty();
    return new PromoteConfig(
        s.string("model-version", ModelRegistry.LATEST),
        metric,
        s.number("min-improvement", 0.0, Double.MAX_VALUE, 0.0));
  }
}
