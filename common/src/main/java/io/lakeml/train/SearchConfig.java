package io.lakeml.train;

import io.lakeml.config.ConfigException;
import io.lakeml.config.Settings;
import io.lakeml.ml.Metric;
import io.lakeml.ml.SplitConfig;
import io.lakeml.ml.Task;
import io.lakeml.model.SearchSummary;
import java.util.List;
import java.util.Map;

/**
 * {@code train.search { method, candidates, seed, validation, folds, metric, parallelism, space }}:
 * a hyperparameter search. Each candidate is scored by k-fold cross-validation on the training rows
 * (stratified for classification) or on the validation split; the best by {@code metric} is
 * refitted on all training rows.
 */
public record SearchConfig(
    SearchSummary.Method method,
    int candidates,
    long seed,
    SearchSummary.Validation validation,
    int folds,
    Metric metric,
    int parallelism,
    SearchSpace space) {

  static SearchConfig from(Settings s, Algorithm algorithm, Task task, SplitConfig split) {
    s.allowOnly(
        "method", "candidates", "seed", "validation", "folds", "metric", "parallelism", "space");
    if (task == Task.PROJECTION) {
      throw ConfigException.invalid(s.path(), "search", "no search for pca (nothing to score)");
    }
    SearchSummary.Method method =
        SearchSummary.Method.byName(s.choice("method", List.of("grid", "random"), "grid"));
    SearchSpace space = SearchSpace.from(s.section("space"), algorithm);
    if (method == SearchSummary.Method.GRID && !space.ranges().isEmpty()) {
      throw ConfigException.invalid(
          s.key("space." + space.ranges().keySet().iterator().next()),
          "{ min, max }",
          "a list of values for a grid search (ranges need method = random)");
    }
    SearchSummary.Validation validation =
        SearchSummary.Validation.byName(
            s.choice("validation", List.of("cross-validation", "split"), "cross-validation"));
    if (validation == SearchSummary.Validation.SPLIT && split.validation() <= 0.0) {
      throw ConfigException.invalid(
          s.key("validation"),
          validation.configName(),
          "train.split.validation > 0 to validate on");
    }
    String metric = s.choice("metric", Metric.namesFor(task), Metric.defaultFor(task).configName());
    return new SearchConfig(
        method,
        method == SearchSummary.Method.RANDOM ? s.integer("candidates", 1, 10_000, 10) : 0,
        s.longValue("seed", Long.MIN_VALUE, Long.MAX_VALUE, split.seed()),
        validation,
        s.integer("folds", 2, 100, 3),
        Metric.byName(metric),
        s.integer("parallelism", 1, 64, 2),
        space);
  }

  /** The parameter overrides to try, in a stable order. */
  public List<Map<String, Object>> candidatesToTry() {
    return method == SearchSummary.Method.GRID ? space.grid() : space.random(candidates, seed);
  }
}
