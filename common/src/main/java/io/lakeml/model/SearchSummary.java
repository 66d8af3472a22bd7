package io.lakeml.model;

import io.lakeml.config.ConfigName;
import io.lakeml.ml.JsonFields;
import io.lakeml.ml.Metric;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/**
 * What a hyperparameter search did: how candidates were drawn and validated, by which metric, how
 * many were tried, the best one's parameters and score, and the side file with the whole table.
 */
public record SearchSummary(
    Method method,
    Validation validation,
    OptionalInt folds,
    Metric metric,
    int candidates,
    Map<String, Object> bestParams,
    double bestMean,
    double bestStd,
    String table) {
  public SearchSummary {
    bestParams = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(bestParams));
  }

  /** How candidates are drawn: every combination of the lists, or seeded draws from the ranges. */
  public enum Method implements ConfigName {
    GRID,
    RANDOM;

    public String configName() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Method byName(String name) {
      return ConfigName.of(Method.class, name, "search method");
    }
  }

  /** Where a candidate is scored: k folds of the training rows, or the validation split. */
  public enum Validation implements ConfigName {
    CROSS_VALIDATION("cross-validation"),
    SPLIT("split");

    private final String configName;

    Validation(String configName) {
      this.configName = configName;
    }

    public String configName() {
      return configName;
    }

    public static Validation byName(String name) {
      return ConfigName.of(Validation.class, name, "search validation");
    }
  }

  Map<String, Object> toMap() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("method", method.configName());
    s.put("validation", validation.configName());
    folds.ifPresent(f -> s.put("folds", f));
    s.put("metric", metric.configName());
    s.put("candidates", candidates);
    s.put("best_params", bestParams);
    s.put("best_mean", bestMean);
    s.put("best_std", bestStd);
    s.put("table", table);
    return s;
  }

  static SearchSummary fromMap(JsonFields m) {
    return new SearchSummary(
        Method.byName(m.string("method")),
        Validation.byName(m.string("validation")),
        m.has("folds") ? OptionalInt.of(m.intValue("folds")) : OptionalInt.empty(),
        Metric.byName(m.string("metric")),
        m.intValue("candidates"),
        m.optionalObject("best_params").map(JsonFields::asMap).orElse(Map.of()),
        m.numberOrNaN("best_mean"),
        m.numberOrNaN("best_std"),
        m.optionalString("table").orElse("search.csv"));
  }
}
