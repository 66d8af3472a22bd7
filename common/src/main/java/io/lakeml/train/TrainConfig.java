package io.lakeml.train;

import io.lakeml.config.ConfigException;
import io.lakeml.config.Settings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code train { model-name, algorithm, label, positive-label, params, split, input, min-rows }}.
 */
public record TrainConfig(
    String modelName,
    Algorithm algorithm,
    Map<String, Object> params,
    String label,
    String positiveLabel,
    SplitConfig split,
    Optional<String> input,
    long minRows) {
  public TrainConfig {
    params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  public static TrainConfig from(Settings s) {
    s.allowOnly(
        "model-name",
        "algorithm",
        "params",
        "label",
        "positive-label",
        "split",
        "input",
        "min-rows");
    String modelName = s.string("model-name");
    if (!modelName.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
      throw ConfigException.invalid(
          s.key("model-name"), modelName, "a name of letters, digits, '.', '_' or '-'");
    }
    String algoName = s.choice("algorithm", Algorithm.names());
    Algorithm algorithm = Algorithm.byName(algoName);
    Settings p = s.section("params");
    p.allowOnly(algorithm.params().stream().map(ParamSpec::name).toArray(String[]::new));
    Map<String, Object> params = new LinkedHashMap<>();
    for (ParamSpec spec : algorithm.params()) {
      params.put(spec.name(), spec.read(p));
    }
    return new TrainConfig(
        modelName,
        algorithm,
        params,
        s.string("label"),
        s.string("positive-label"),
        SplitConfig.from(s.section("split")),
        s.optionalString("input").filter(i -> !i.isBlank()),
        s.longValue("min-rows", 2, Long.MAX_VALUE, 20));
  }
}
