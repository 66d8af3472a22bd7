package io.lakeml.train;

import io.lakeml.config.ConfigException;
import io.lakeml.config.Settings;
import io.lakeml.evaluate.Metric;
import java.util.List;
import java.util.Map;

/**
 * {@code train.search { method, candidates, seed, validation, folds, metric, parallelism, space }}:
 * a hyperparameter search. Each candidate is scored by k-fold cross-validation on the training rows
 * (stratified for classification) or on the validation split; the best by {@code metric} is
 * refitted on all training rows.
 *
 * @param validation {@code cross-validation} or {@code split}
 */
public record SearchConfig(
    String method,
    int candidates,
    long seed,
    String validation,
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
    String method = s.choice("method", List.of("grid", "random"), "grid");
    SearchSpace space = SearchSpace.from(s.section("space"), algorithm);
    if (method.equals("grid") && !space.ranges().isEmpty()) {
      throw ConfigException.invalid(
          s.key("space." + space.ranges().keySet().iterator().next()),
          "{ min, max }",
          "a list of values for a grid search (ranges need method = random)");
    }
    String validation =
        s.choice("validation", List.of("cross-validation", "split"), "cross-validation");
    if (validation.equals("split") && split.validation() <= 0.0) {
      throw ConfigException.invalid(
          s.key("validation"), validation, "train.split.validation > 0 to validate on");
    }
    String metric = s.choice("metric", Metric.namesFor(task), Metric.defaultFor(task).configName());
    return new SearchConfig(
        method,
        method.equals("random") ? s.integer("candidates", 1, 10_000, 10) : 0,
        s.longValue("seed", Long.MIN_VALUE, Long.MAX_VALUE, split.seed()),
        validation,
        s.integer("folds", 2, 100, 3),
        Metric.byName(metric),
        s.integer("parallelism", 1, 64, 2),
        space);
  }

  /** The parameter overrides to try, in a stable order. */
  public List<Map<String, Object>> candidatesToTry() {
    return method.equals("grid") ? space.grid() : space.random(candidates, seed);
  }
}
