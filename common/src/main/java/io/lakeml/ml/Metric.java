package io.lakeml.ml;

import io.lakeml.config.ConfigName;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * A metric that can choose between models (in hyperparameter search and promotion): its name in
 * config and in the metrics JSON, the tasks it applies to, and which way is better.
 */
public enum Metric implements ConfigName {
  ROC_AUC("roc_auc", true, Set.of(Task.BINARY)),
  PR_AUC("pr_auc", true, Set.of(Task.BINARY)),
  ACCURACY("accuracy", true, Set.of(Task.BINARY, Task.MULTICLASS)),
  F1("f1", true, Set.of(Task.BINARY, Task.MULTICLASS)),
  PRECISION("precision", true, Set.of(Task.BINARY)),
  RECALL("recall", true, Set.of(Task.BINARY)),
  WEIGHTED_PRECISION("weighted_precision", true, Set.of(Task.MULTICLASS)),
  WEIGHTED_RECALL("weighted_recall", true, Set.of(Task.MULTICLASS)),
  LOG_LOSS("log_loss", false, Set.of(Task.BINARY, Task.MULTICLASS)),
  RMSE("rmse", false, Set.of(Task.REGRESSION)),
  MAE("mae", false, Set.of(Task.REGRESSION)),
  R2("r2", true, Set.of(Task.REGRESSION)),
  SILHOUETTE("silhouette", true, Set.of(Task.CLUSTERING)),
  EXPLAINED_VARIANCE("explained_variance", true, Set.of(Task.PROJECTION));

  private final String configName;
  private final boolean largerIsBetter;
  private final Set<Task> tasks;

  Metric(String configName, boolean largerIsBetter, Set<Task> tasks) {
    this.configName = configName;
    this.largerIsBetter = largerIsBetter;
    this.tasks = tasks;
  }

  public String configName() {
    return configName;
  }

  public boolean largerIsBetter() {
    return largerIsBetter;
  }

  /** How much better {@code a} is than {@code b} (positive when better, whichever way is up). */
  public double improvement(double a, double b) {
    return largerIsBetter ? a - b : b - a;
  }

  /** The metric's value in a metrics map from {@link Evaluation}. */
  public double valueIn(java.util.Map<String, Object> metrics) {
    Object v = metrics.get(configName);
    if (!(v instanceof Number n)) {
      throw new IllegalArgumentException("no metric '" + configName + "' in " + metrics.keySet());
    }
    return n.doubleValue();
  }

  /** The metric names a task can be judged by. */
  public static List<String> namesFor(Task task) {
    return Arrays.stream(values())
        .filter(m -> m.tasks.contains(task))
        .map(Metric::configName)
        .toList();
  }

  public static Metric byName(String name) {
    return ConfigName.of(Metric.class, name, "metric");
  }

  /** The default metric that selects models for a task. */
  public static Metric defaultFor(Task task) {
    return switch (task) {
      case BINARY -> ROC_AUC;
      case MULTICLASS -> F1;
      case REGRESSION -> RMSE;
      case CLUSTERING -> SILHOUETTE;
      case PROJECTION -> EXPLAINED_VARIANCE;
    };
  }
}
