package io.lakeml.evaluate;

import io.lakeml.config.Settings;

/** {@code evaluate { model-version, threshold }}. */
public record EvaluateConfig(String modelVersion, double threshold) {
  public static EvaluateConfig from(Settings s) {
    s.allowOnly("model-version", "threshold");
    return new EvaluateConfig(
        s.string("model-version", "latest"), s.number("threshold", 0.0, 1.0, 0.5));
  }
}
