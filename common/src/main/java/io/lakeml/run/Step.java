package io.lakeml.run;

import io.lakeml.config.ConfigName;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The steps a run is made of, each also a job of its own: their names on the command line, in
 * {@code pipeline.steps}, in manifests and in the lake's {@code runs/} zone.
 */
public enum Step implements ConfigName {
  GENERATE,
  INGEST,
  TRAIN,
  EVALUATE,
  PROMOTE,
  SCORE,
  DRIFT,
  MAINTAIN;

  /** The step's name: {@code ingest}, ... */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Every step's name, in pipeline order. */
  public static List<String> names() {
    return ConfigName.names(Step.class);
  }

  public static Optional<Step> byName(String name) {
    return ConfigName.find(Step.class, name);
  }
}
