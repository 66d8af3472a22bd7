package io.lakeml.score;

import io.lakeml.config.Settings;
import java.util.List;
import java.util.Optional;

/**
 * {@code score { model, model-version, input, id-columns, on-type-mismatch, explain }}: which model
 * scores which rows. Without {@code model} the training section's model name is used; without
 * {@code input}, the run date's curated partition. {@code model-version} is a number or an alias,
 * {@code champion} by default. A batch column whose type differs from the training schema fails the
 * job ({@code error}) or is cast to the training type ({@code cast}; values that do not convert
 * become null and are imputed like any missing value). {@code explain = N} adds each prediction's N
 * strongest reasons ({@code reasons}); models that explain are XGBoost and the linear ones.
 */
public record ScoreConfig(
    Optional<String> model,
    String modelVersion,
    Optional<String> input,
    List<String> idColumns,
    boolean castMismatchedTypes,
    int explain) {
  public static final List<String> ON_TYPE_MISMATCH = List.of("error", "cast");

  public ScoreConfig {
    idColumns = List.copyOf(idColumns);
  }

  public static ScoreConfig from(Settings s) {
    s.allowOnly("model", "model-version", "input", "id-columns", "on-type-mismatch", "explain");
    return new ScoreConfig(
        s.optionalString("model").filter(m -> !m.isBlank()),
        s.string("model-version", "champion"),
        s.optionalString("input").filter(i -> !i.isBlank()),
        s.stringList("id-columns"),
        s.choice("on-type-mismatch", ON_TYPE_MISMATCH, "error").equals("cast"),
        s.integer("explain", 0, 1_000, 0));
  }
}
