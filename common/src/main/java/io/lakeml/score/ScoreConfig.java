package io.lakeml.score;

import io.lakeml.config.Settings;
import java.util.List;
import java.util.Optional;

/**
 * {@code score { model, model-version, input, id-columns }}: which model scores which rows. Without
 * {@code model} the training section's model name is used; without {@code input}, the run date's
 * curated partition.
 */
public record ScoreConfig(
    Optional<String> model, String modelVersion, Optional<String> input, List<String> idColumns) {
  public ScoreConfig {
    idColumns = List.copyOf(idColumns);
  }

  public static ScoreConfig from(Settings s) {
    s.allowOnly("model", "model-version", "input", "id-columns");
    return new ScoreConfig(
        s.optionalString("model").filter(m -> !m.isBlank()),
        s.string("model-version", "latest"),
        s.optionalString("input").filter(i -> !i.isBlank()),
        s.stringList("id-columns"));
  }
}
