package io.lakeml.evaluate;

import io.lakeml.config.LakemlConfig;
import io.lakeml.io.Json;
import io.lakeml.job.Job;
import io.lakeml.model.ModelRegistry;
import io.lakeml.run.RunContext;
import io.lakeml.run.StepRecord;
import io.lakeml.train.HashSplit;
import io.lakeml.train.Task;
import io.lakeml.train.TrainedOn;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * {@code evaluate}: scores a registered model's test rows (the same rows its training held out,
 * recomputed from the split recorded in its metadata) and writes the metrics to {@code
 * reports/<model>/<version>/metrics.json} and into the model's metadata with the decision threshold
 * scoring will use.
 */
public final class EvaluateJob implements Job {
  @Override
  public String name() {
    return "evaluate";
  }

  @Override
  public List<String> plan(LakemlConfig config, LocalDate runDate) {
    String model = config.modelName();
    return List.of(
        String.format(
            "evaluate %s version %s on its test rows at threshold %.3f -> %s/<version>/metrics.json",
            model,
            config.evaluate().modelVersion(),
            config.evaluate().threshold(),
            config.lake().table(io.lakeml.lake.Lake.Zone.REPORTS, model)));
  }

  @Override
  public void run(RunContext run, LakemlConfig config) {
    run.step(
        "evaluate",
        step -> evaluate(run, config, config.modelName(), config.evaluate().modelVersion(), step));
  }

  /** Evaluates a version; returns its metrics. */
  public static Map<String, Object> evaluate(
      RunContext run, LakemlConfig config, String model, String versionOrAlias, StepRecord step) {
    ModelRegistry registry = new ModelRegistry(run.lake(), run.files());
    ModelRegistry.Version version = registry.resolve(model, versionOrAlias);
    Map<String, Object> meta = version.metadata();
    TrainedOn trainedOn = TrainedOn.fromMetadata(meta);
    PipelineModel fitted = version.load();
    double threshold = config.evaluate().threshold();
    Dataset<Row> predictions =
        fitted
            .transform(trainedOn.rows(run.spark(), HashSplit.TEST))
            .persist(StorageLevel.MEMORY_AND_DISK());
    Map<String, Object> metrics;
    try {
      metrics =
          Evaluation.metrics(trainedOn.task(), predictions, fitted, trainedOn.classes(), threshold);
    } finally {
      predictions.unpersist();
    }
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("model", model);
    report.put("version", version.version());
    report.put("task", trainedOn.task().displayName());
    report.put("test_data", trainedOn.data());
    report.put("run_id", run.runId());
    report.put("metrics", metrics);
    String path =
        config.lake().report(model, Integer.toString(version.version())) + "/metrics.json";
    run.files().writeString(path, Json.write(report));

    Map<String, Object> updated = new LinkedHashMap<>(meta);
    if (trainedOn.task() == Task.BINARY) {
      updated.put("threshold", threshold);
    }
    updated.put("test_metrics", metrics);
    registry.updateMetadata(version, updated);

    step.input(trainedOn.data(), ((Number) metrics.get("rows")).longValue());
    step.output(path, null);
    for (Metric m : Metric.values()) {
      if (metrics.get(m.configName()) instanceof Double d) {
        step.count(m.configName(), round(d));
      }
    }
    run.console()
        .info(
            "%s",
            trainedOn.task() == Task.BINARY
                ? describe(model, version.version(), metrics)
                : String.format(
                    "%s v%d on %s test rows: %s",
                    model, version.version(), metrics.get("rows"), headline(metrics)));
    return metrics;
  }

  /** The task's selection metrics, one line. */
  public static String headline(Map<String, Object> m) {
    List<String> parts = new ArrayList<>();
    for (Metric metric : Metric.values()) {
      if (m.get(metric.configName()) instanceof Double d) {
        parts.add(String.format(Locale.ROOT, "%s %.4f", metric.configName(), d));
      }
    }
    return String.join("  ", parts);
  }

  /** A short human summary: the confusion matrix and the headline rates. */
  static String describe(String model, int version, Map<String, Object> m) {
    @SuppressWarnings("unchecked")
    Map<String, Object> cm = (Map<String, Object>) m.get("confusion_matrix");
    return String.format(
        Locale.ROOT,
        "%s v%d on %s test rows at threshold %.2f:%n"
            + "          predicted +   predicted -%n"
            + "  actual + %11s %13s%n"
            + "  actual - %11s %13s%n"
            + "  accuracy %.3f  precision %.3f  recall %.3f  specificity %.3f  F1 %.3f  ROC AUC %.3f  PR AUC %.3f",
        model,
        version,
        m.get("rows"),
        (Double) m.get("threshold"),
        cm.get("tp"),
        cm.get("fn"),
        cm.get("fp"),
        cm.get("tn"),
        (Double) m.get("accuracy"),
        (Double) m.get("precision"),
        (Double) m.get("recall"),
        (Double) m.get("specificity"),
        (Double) m.get("f1"),
        (Double) m.get("roc_auc"),
        (Double) m.get("pr_auc"));
  }

  private static double round(double d) {
    return Math.round(d * 10000.0) / 10000.0;
  }
}
