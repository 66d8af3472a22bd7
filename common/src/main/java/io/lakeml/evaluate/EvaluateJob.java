package io.lakeml.evaluate;

import io.lakeml.config.LakemlConfig;
import io.lakeml.io.Json;
import io.lakeml.job.Job;
import io.lakeml.lake.Lake;
import io.lakeml.model.ModelRegistry;
import io.lakeml.report.FeatureWeights;
import io.lakeml.report.HtmlReport;
import io.lakeml.report.ReportData;
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
import java.util.Optional;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * {@code evaluate}: scores a registered model's test rows (the same rows its training held out,
 * recomputed from the split recorded in its metadata), chooses a binary model's decision threshold
 * by the configured policy (on the validation rows when the model has them), and writes {@code
 * reports/<model>/<version>/}: {@code metrics.json} (every metric, and for binary models every
 * metric at every threshold), {@code index.html} with its charts, and the charts as PNG files. The
 * threshold and the test metrics go into the model's metadata, where scoring reads them.
 */
public final class EvaluateJob implements Job {
  static final int SAMPLE_ROWS = 2000;

  @Override
  public String name() {
    return "evaluate";
  }

  @Override
  public List<String> plan(LakemlConfig config, LocalDate runDate) {
    String model = config.modelName();
    EvaluateConfig e = config.evaluate();
    return List.of(
        String.format(
            "evaluate %s version %s on its test rows, threshold: %s%s -> %s/<version>/",
            model,
            e.modelVersion(),
            e.threshold().describe(),
            e.compare().isEmpty() ? "" : "; compare with " + e.compare(),
            config.lake().table(Lake.Zone.REPORTS, model)));
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
    EvaluateConfig e = config.evaluate();
    ModelRegistry registry = new ModelRegistry(run.lake(), run.files());
    ModelRegistry.Version version = registry.resolve(model, versionOrAlias);
    Map<String, Object> meta = version.metadata();
    TrainedOn on = TrainedOn.fromMetadata(meta);
    PipelineModel fitted = version.load();
    Dataset<Row> test =
        on.rows(run.spark(), HashSplit.TEST).persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> scored = fitted.transform(test);
    if (on.task() == Task.BINARY) {
      scored = BinaryEvaluation.withScore(scored);
    }
    scored = scored.persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Optional<ReportData.Threshold> threshold = Optional.empty();
      double t = 0.5;
      List<Map<String, Object>> curveTable = List.of();
      List<Map<String, Object>> calibration = List.of();
      if (on.task() == Task.BINARY) {
        ThresholdPolicy policy = e.threshold();
        ThresholdCurve testCurve = ThresholdCurve.of(scored);
        boolean hasValidation = on.split().validation() > 0;
        ThresholdCurve choiceCurve =
            hasValidation && !policy.policy().equals("fixed")
                ? ThresholdCurve.of(
                    BinaryEvaluation.withScore(
                        fitted.transform(on.rows(run.spark(), HashSplit.VALIDATION))))
                : testCurve;
        ThresholdPolicy.Choice choice = policy.choose(choiceCurve, e.beta());
        t = choice.threshold();
        curveTable = testCurve.table(e.beta(), policy.fpCost(), policy.fnCost());
        calibration = BinaryEvaluation.calibration(scored, 10);
        threshold =
            Optional.of(
                new ReportData.Threshold(
                    t,
                    policy.describe(),
                    hasValidation && !policy.policy().equals("fixed") ? "validation" : "test",
                    tradeRow(t, testCurve.at(t)),
                    tradeRow(0.5, testCurve.at(0.5))));
      }
      Map<String, Object> metrics =
          on.task() == Task.BINARY
              ? BinaryEvaluation.metrics(scored, t, e.beta())
              : Evaluation.metrics(on.task(), scored, fitted, on.classes(), t);

      String dir = config.lake().report(model, Integer.toString(version.version()));
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("model", model);
      report.put("version", version.version());
      report.put("task", on.task().displayName());
      report.put("test_data", on.data().size() == 1 ? on.data().get(0) : on.data());
      report.put("run_id", run.runId());
      report.put("metrics", metrics);
      if (on.task() == Task.BINARY) {
        Map<String, Object> th = new LinkedHashMap<>(e.threshold().toMap());
        th.put("threshold", t);
        th.put("chosen_on", threshold.get().chosenOn());
        report.put("threshold", th);
        report.put("curve", curveTable);
        report.put("calibration", calibration);
      }
      List<ReportData.Comparison> comparisons = compare(run, config, registry, on, test);
      if (!comparisons.isEmpty()) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ReportData.Comparison c : comparisons) {
          rows.add(Map.of("model", c.model(), "version", c.version(), "metrics", c.metrics()));
        }
        report.put("compared", rows);
      }
      String metricsPath = dir + "/metrics.json";
      run.files().writeString(metricsPath, Json.write(report));

      Map<String, Object> updated = new LinkedHashMap<>(meta);
      if (on.task() == Task.BINARY) {
        updated.put("threshold", t);
        updated.put("threshold_policy", report.get("threshold"));
      }
      updated.put("test_metrics", metrics);
      registry.updateMetadata(version, updated);

      String page = null;
      if (e.report()) {
        boolean champion =
            registry
                .alias(model, ModelRegistry.CHAMPION)
                .map(a -> ((Number) a.get("version")).intValue() == version.version())
                .orElse(false);
        ReportData data =
            new ReportData(
                model,
                version.version(),
                on.task(),
                updated,
                metrics,
                threshold,
                curveTable,
                calibration,
                on.task() == Task.REGRESSION
                    ? ReportSamples.actualVsPredicted(scored, SAMPLE_ROWS)
                    : List.of(),
                ReportSamples.projection(scored, on, SAMPLE_ROWS),
                FeatureWeights.of(fitted, scored, numericFeatures(meta)),
                ReportSamples.searchTable(run.files(), version.path()),
                comparisons,
                ReportSamples.dataQuality(run.files(), config, on.data().get(on.data().size() - 1)),
                champion);
        page = HtmlReport.write(run.files(), dir, data);
      }

      step.input(on.dataDescription(), ((Number) metrics.get("rows")).longValue());
      step.output(metricsPath, null);
      if (page != null) {
        step.output(page, null);
      }
      for (Metric m : Metric.values()) {
        if (metrics.get(m.configName()) instanceof Double d) {
          step.count(m.configName(), round(d));
        }
      }
      run.console()
          .info(
              "%s",
              on.task() == Task.BINARY
                  ? describe(model, version.version(), metrics)
                      + String.format(Locale.ROOT, "%n  threshold: %s", threshold.get().policy())
                  : String.format(
                      "%s v%d on %s test rows: %s",
                      model, version.version(), metrics.get("rows"), headline(metrics)));
      return metrics;
    } finally {
      scored.unpersist();
      test.unpersist();
    }
  }

  /** The other models of {@code evaluate.compare}, each scored on these same test rows. */
  private static List<ReportData.Comparison> compare(
      RunContext run,
      LakemlConfig config,
      ModelRegistry registry,
      TrainedOn on,
      Dataset<Row> test) {
    List<ReportData.Comparison> out = new ArrayList<>();
    for (String entry : config.evaluate().compare()) {
      String[] parts = entry.split(":", 2);
      String name = parts[0];
      String wanted =
          parts.length > 1
              ? parts[1]
              : registry.alias(name, ModelRegistry.CHAMPION).isPresent()
                  ? ModelRegistry.CHAMPION
                  : ModelRegistry.LATEST;
      ModelRegistry.Version other = registry.resolve(name, wanted);
      TrainedOn otherOn = TrainedOn.fromMetadata(other.metadata());
      if (otherOn.task() != on.task() || !otherOn.classes().equals(on.classes())) {
        throw new IllegalArgumentException(
            String.format(
                "evaluate.compare: %s v%d (%s, classes %s) does not answer the same question as"
                    + " this model (%s, classes %s)",
                name,
                other.version(),
                otherOn.task().displayName(),
                otherOn.classes(),
                on.task().displayName(),
                on.classes()));
      }
      PipelineModel fitted = other.load();
      double t = other.metadata().get("threshold") instanceof Number n ? n.doubleValue() : 0.5;
      Dataset<Row> scored = fitted.transform(test);
      if (on.task() == Task.BINARY) {
        scored = BinaryEvaluation.withScore(scored);
      }
      scored = scored.persist(StorageLevel.MEMORY_AND_DISK());
      try {
        Map<String, Object> metrics =
            on.task() == Task.BINARY
                ? BinaryEvaluation.metrics(scored, t, config.evaluate().beta())
                : Evaluation.metrics(on.task(), scored, fitted, on.classes(), t);
        List<Map<String, Object>> curve =
            on.task() == Task.BINARY
                ? ThresholdCurve.of(scored).table(config.evaluate().beta(), 1, 1)
                : List.of();
        boolean champion =
            registry
                .alias(name, ModelRegistry.CHAMPION)
                .map(a -> ((Number) a.get("version")).intValue() == other.version())
                .orElse(false);
        out.add(
            new ReportData.Comparison(
                name,
                other.version(),
                String.valueOf(other.metadata().get("algorithm")),
                champion,
                metrics,
                curve));
      } finally {
        scored.unpersist();
      }
    }
    return out;
  }

  private static Map<String, Object> tradeRow(double threshold, ConfusionMatrix c) {
    Map<String, Object> m = ThresholdCurve.row(threshold, c);
    m.put("f1", c.f1());
    return m;
  }

  @SuppressWarnings("unchecked")
  private static List<String> numericFeatures(Map<String, Object> meta) {
    Object f = meta.get("features");
    if (f instanceof Map<?, ?> m && m.get("numeric") instanceof List<?> l) {
      List<String> binned = m.get("binned") instanceof List<?> b ? (List<String>) b : List.of();
      return ((List<String>) l).stream().filter(c -> !binned.contains(c)).toList();
    }
    return List.of();
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
        "%s v%d on %s test rows at threshold %.3f:%n"
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
