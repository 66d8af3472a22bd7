package io.lakeml.ml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * A model's metrics on some rows, one record per task: what {@code metadata.json} keeps as {@code
 * validation_metrics} and {@code test_metrics}, what {@code metrics.json} reports, what a search
 * ranks by and what promotion compares. {@link #toMap()} gives the JSON form, {@link #fromMap}
 * reads it back (older files may lack a metric added since: it reads as NaN).
 */
public sealed interface Metrics {
  Task task();

  /** The rows measured. */
  long rows();

  /**
   * Every measured number by its JSON name, in the order reports list them; decision settings
   * (threshold, beta) and counts are not among them.
   */
  Map<String, Double> values();

  /** The JSON form. */
  Map<String, Object> toMap();

  /** The value of a metric that selects models, if this task measures it. */
  default OptionalDouble value(Metric metric) {
    Double v = values().get(metric.configName());
    return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
  }

  /** The value of a metric this task must measure; fails naming the ones it has. */
  default double valueOf(Metric metric) {
    return value(metric)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no metric '" + metric.configName() + "' in " + values().keySet()));
  }

  /** The task's model-selection metrics on one line: {@code roc_auc 0.7797 pr_auc 0.4734 ...}. */
  default String headline() {
    List<String> parts = new ArrayList<>();
    for (Metric m : Metric.values()) {
      value(m).ifPresent(v -> parts.add(String.format(Locale.ROOT, "%s %.4f", m.configName(), v)));
    }
    return String.join("  ", parts);
  }

  /** Reads {@link #toMap()} back, for a model of the given task. */
  static Metrics fromMap(Task task, JsonFields m) {
    return switch (task) {
      case BINARY -> Binary.fromMap(m);
      case MULTICLASS -> Multiclass.fromMap(m);
      case REGRESSION -> Regression.fromMap(m);
      case CLUSTERING -> Clustering.fromMap(m);
      case PROJECTION -> Projection.fromMap(m);
    };
  }

  /** The rows and then every value: the JSON form of a task with nothing else to say. */
  private static Map<String, Object> rowsAndValues(Metrics metrics) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rows", metrics.rows());
    m.putAll(metrics.values());
    return m;
  }

  /** Two classes at a decision threshold, and the threshold-free AUCs and losses. */
  record Binary(
      long rows,
      double threshold,
      ConfusionMatrix confusion,
      double beta,
      double rocAuc,
      double prAuc,
      double logLoss,
      double brier)
      implements Metrics {
    @Override
    public Task task() {
      return Task.BINARY;
    }

    @Override
    public Map<String, Double> values() {
      return JsonFields.numbers(
          "accuracy", confusion.accuracy(),
          "precision", confusion.precision(),
          "recall", confusion.recall(),
          "specificity", confusion.specificity(),
          "f1", confusion.f1(),
          "f_beta", confusion.fBeta(beta),
          "roc_auc", rocAuc,
          "pr_auc", prAuc,
          "log_loss", logLoss,
          "brier", brier);
    }

    @Override
    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("rows", rows);
      m.put("threshold", threshold);
      m.put("confusion_matrix", confusion.toMap());
      Map<String, Double> v = values();
      for (String k : List.of("accuracy", "precision", "recall", "specificity", "f1")) {
        m.put(k, v.get(k));
      }
      m.put("beta", beta);
      for (String k : List.of("f_beta", "roc_auc", "pr_auc", "log_loss", "brier")) {
        m.put(k, v.get(k));
      }
      return m;
    }

    static Binary fromMap(JsonFields m) {
      JsonFields cm = m.object("confusion_matrix");
      return new Binary(
          m.longValue("rows"),
          m.number("threshold"),
          new ConfusionMatrix(
              cm.longValue("tp"), cm.longValue("fp"), cm.longValue("fn"), cm.longValue("tn")),
          m.optionalNumber("beta").orElse(2.0),
          m.numberOrNaN("roc_auc"),
          m.numberOrNaN("pr_auc"),
          m.numberOrNaN("log_loss"),
          m.numberOrNaN("brier"));
    }
  }

  /** Precision, recall and F1 of one class against the rest. */
  record ClassMetrics(double precision, double recall, double f1) {}

  /**
   * Several classes: overall and per-class figures and the confusion matrix (rows: actual class,
   * columns: predicted class, every pair present).
   */
  record Multiclass(
      long rows,
      double accuracy,
      double f1,
      double weightedPrecision,
      double weightedRecall,
      double logLoss,
      Map<String, ClassMetrics> perClass,
      Map<String, Map<String, Long>> confusion)
      implements Metrics {
    public Multiclass {
      perClass = copy(perClass);
      Map<String, Map<String, Long>> c = new LinkedHashMap<>();
      confusion.forEach((k, v) -> c.put(k, copy(v)));
      confusion = java.util.Collections.unmodifiableMap(c);
    }

    @Override
    public Task task() {
      return Task.MULTICLASS;
    }

    @Override
    public Map<String, Double> values() {
      return JsonFields.numbers(
          "accuracy", accuracy,
          "f1", f1,
          "weighted_precision", weightedPrecision,
          "weighted_recall", weightedRecall,
          "log_loss", logLoss);
    }

    @Override
    public Map<String, Object> toMap() {
      Map<String, Object> m = rowsAndValues(this);
      Map<String, Object> classes = new LinkedHashMap<>();
      perClass.forEach(
          (c, v) -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("precision", v.precision());
            one.put("recall", v.recall());
            one.put("f1", v.f1());
            classes.put(c, one);
          });
      m.put("per_class", classes);
      m.put("confusion_matrix", confusion);
      return m;
    }

    static Multiclass fromMap(JsonFields m) {
      Map<String, ClassMetrics> perClass = new LinkedHashMap<>();
      m.optionalObject("per_class")
          .ifPresent(
              p ->
                  p.keys()
                      .forEach(
                          c -> {
                            JsonFields one = p.object(c);
                            perClass.put(
                                c,
                                new ClassMetrics(
                                    one.numberOrNaN("precision"),
                                    one.numberOrNaN("recall"),
                                    one.numberOrNaN("f1")));
                          }));
      Map<String, Map<String, Long>> confusion = new LinkedHashMap<>();
      m.optionalObject("confusion_matrix")
          .ifPresent(c -> c.keys().forEach(a -> confusion.put(a, c.longMap(a))));
      return new Multiclass(
          m.longValue("rows"),
          m.numberOrNaN("accuracy"),
          m.numberOrNaN("f1"),
          m.numberOrNaN("weighted_precision"),
          m.numberOrNaN("weighted_recall"),
          m.numberOrNaN("log_loss"),
          perClass,
          confusion);
    }
  }

  /** A numeric label: errors and explained variance (MAPE over rows whose label is not 0). */
  record Regression(
      long rows, double rmse, double mae, double r2, double mape, double explainedVariance)
      implements Metrics {
    @Override
    public Task task() {
      return Task.REGRESSION;
    }

    @Override
    public Map<String, Double> values() {
      return JsonFields.numbers(
          "rmse", rmse,
          "mae", mae,
          "r2", r2,
          "mape", mape,
          "explained_variance", explainedVariance);
    }

    @Override
    public Map<String, Object> toMap() {
      return rowsAndValues(this);
    }

    static Regression fromMap(JsonFields m) {
      return new Regression(
          m.longValue("rows"),
          m.numberOrNaN("rmse"),
          m.numberOrNaN("mae"),
          m.numberOrNaN("r2"),
          m.numberOrNaN("mape"),
          m.numberOrNaN("explained_variance"));
    }
  }

  /**
   * Clusters: silhouette (squared Euclidean, as Spark computes it), the within-cluster sum of
   * squares and the rows per cluster (every cluster listed, by its number as text).
   */
  record Clustering(long rows, int k, double silhouette, double wcss, Map<String, Long> sizes)
      implements Metrics {
    public Clustering {
      sizes = java.util.Collections.unmodifiableMap(new TreeMap<>(sizes));
    }

    @Override
    public Task task() {
      return Task.CLUSTERING;
    }

    @Override
    public Map<String, Double> values() {
      return JsonFields.numbers(
          "silhouette", silhouette,
          "wcss", wcss);
    }

    @Override
    public Map<String, Object> toMap() {
      return JsonFields.object(
          "rows", rows,
          "k", k,
          "silhouette", silhouette,
          "wcss", wcss,
          "cluster_sizes", sizes);
    }

    static Clustering fromMap(JsonFields m) {
      return new Clustering(
          m.longValue("rows"),
          m.intValue("k"),
          m.numberOrNaN("silhouette"),
          m.numberOrNaN("wcss"),
          m.longMap("cluster_sizes"));
    }
  }

  /** Principal components: the share of variance each explains, and cumulatively. */
  record Projection(long rows, int k, List<Double> byComponent, List<Double> cumulative)
      implements Metrics {
    public Projection {
      byComponent = List.copyOf(byComponent);
      cumulative = List.copyOf(cumulative);
    }

    /** The share of variance the components explain together: the selection metric. */
    public double explainedVariance() {
      return cumulative.isEmpty() ? 0.0 : cumulative.get(cumulative.size() - 1);
    }

    @Override
    public Task task() {
      return Task.PROJECTION;
    }

    @Override
    public Map<String, Double> values() {
      return Map.of("explained_variance", explainedVariance());
    }

    @Override
    public Map<String, Object> toMap() {
      return JsonFields.object(
          "rows", rows,
          "k", k,
          "explained_variance", explainedVariance(),
          "explained_variance_by_component", byComponent,
          "cumulative_explained_variance", cumulative);
    }

    static Projection fromMap(JsonFields m) {
      return new Projection(
          m.longValue("rows"),
          m.intValue("k"),
          m.numbers("explained_variance_by_component"),
          m.numbers("cumulative_explained_variance"));
    }
  }

  private static <K, V> Map<K, V> copy(Map<K, V> m) {
    return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(m));
  }
}
