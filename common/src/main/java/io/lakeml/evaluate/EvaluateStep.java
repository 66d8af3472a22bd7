package io.lakeml.evaluate;

import io.lakeml.evaluation.BinaryEvaluation;
import io.lakeml.evaluation.ScoredRows;
import io.lakeml.evaluation.ThresholdCurve;
import io.lakeml.explain.Explainer;
import io.lakeml.io.Json;
import io.lakeml.lake.Lake;
import io.lakeml.ml.Metric;
import io.lakeml.ml.Metrics;
import io.lakeml.ml.Split;
import io.lakeml.ml.Task;
import io.lakeml.model.Comparability;
import io.lakeml.model.DecisionThreshold;
import io.lakeml.model.ModelMetadata;
import io.lakeml.model.ModelRegistry;
import io.lakeml.model.ThresholdPolicy;
import io.lakeml.report.EvaluationReport;
import io.lakeml.report.FeatureWeights;
import io.lakeml.report.ReportData;
import io.lakeml.run.RunContext;
import io.lakeml.run.Step;
import io.lakeml.run.StepAction;
import io.lakeml.run.StepRecord;
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
public final class EvaluateStep implements StepAction<Metrics> {
  static final int SAMPLE_ROWS = 2000;

  /** The highest-scored test rows the report explains one by one. */
  static final int HIGHEST_EXPLAINED = 5;

  private final EvaluateConfig e;
  private final String model;
  private final String versionOrAlias;
  private final Lake lake;
  private final String dataset;

  /**
   * @param versionOrAlias the version to evaluate: a number, {@code latest} or {@code champion}
   * @param dataset the dataset whose ingest reports the training data's quality
   */
  public EvaluateStep(
      EvaluateConfig e, String model, String versionOrAlias, Lake lake, String dataset) {
    this.e = e;
    this.model = model;
    this.versionOrAlias = versionOrAlias;
    this.lake = lake;
    this.dataset = dataset;
  }

  @Override
  public Step step() {
    return Step.EVALUATE;
  }

  @Override
  public List<String> plan(LocalDate runDate) {
    return List.of(
        String.format(
            "evaluate %s version %s on its test rows, threshold: %s%s -> %s/<version>/",
            model,
            versionOrAlias,
            e.threshold().describe(),
            e.compare().isEmpty() ? "" : "; compare with " + e.compare(),
            lake.table(Lake.Zone.REPORTS, model)));
  }

  /** A binary model's threshold as chosen, and the curve and calibration it was read from. */
  private record Decision(
      Optional<DecisionThreshold> threshold,
      Optional<ReportData.Threshold> view,
      List<ThresholdCurve.Rates> curve,
      List<BinaryEvaluation.CalibrationBin> calibration) {
    static final Decision NONE =
        new Decision(Optional.empty(), Optional.empty(), List.of(), List.of());

    double value() {
      return threshold.map(DecisionThreshold::value).orElse(DecisionThreshold.NEUTRAL.value());
    }
  }

  /** Evaluates the version; returns its test metrics. */
  @Override
  public Metrics run(RunContext run, StepRecord step) {
    ModelRegistry registry = new ModelRegistry(run.lake(), run.files());
    ModelRegistry.Version version = registry.resolve(model, versionOrAlias);
    ModelMetadata meta = version.metadata();
    PipelineModel fitted = version.load();
    Dataset<Row> test =
        meta.splitRows(run.spark(), lake, Split.TEST).persist(StorageLevel.MEMORY_AND_DISK());
    try (ScoredRows scored = ScoredRows.of(fitted, test, meta.task())) {
      Decision decision =
          meta.task() == Task.BINARY ? decide(run, meta, fitted, scored) : Decision.NONE;
      Metrics metrics = scored.metrics(meta.question(), decision.value(), e.beta());
      List<ReportData.Comparison> comparisons = compare(run, registry, meta, test);
      String dir = lake.report(model, Integer.toString(version.version()));
      String metricsPath = dir + "/metrics.json";
      run.files().writeString(metricsPath, metricsJson(run, meta, metrics, decision, comparisons));
      ModelMetadata updated = meta.withEvaluation(decision.threshold(), metrics);
      registry.updateMetadata(version, updated);
      step.input(meta.trainingData().describe(), metrics.rows());
      step.output(metricsPath, null);
      if (e.report()) {
        ReportData data =
            reportData(
                run, registry, version, updated, metrics, decision, scored, test, comparisons);
        step.output(EvaluationReport.write(run.files(), dir, data), null);
      }
      record(run, step, version.version(), metrics, decision);
      return metrics;
    } finally {
      test.unpersist();
    }
  }

  /**
   * Chooses the threshold by the policy: on the validation rows where the model has them (a fixed
   * threshold needs no rows), else on the test rows.
   */
  private Decision decide(
      RunContext run, ModelMetadata meta, PipelineModel fitted, ScoredRows scored) {
    ThresholdPolicy policy = e.threshold();
    ThresholdCurve testCurve = ThresholdCurve.of(scored.rows());
    boolean onValidation =
        meta.trainingData().split().validation() > 0 && policy.kind() != ThresholdPolicy.Kind.FIXED;
    ThresholdCurve choiceCurve =
        onValidation
            ? ThresholdCurve.of(
                BinaryEvaluation.withScore(
                    fitted.transform(meta.splitRows(run.spark(), lake, Split.VALIDATION))))
            : testCurve;
    double t = choiceCurve.choose(policy, e.beta()).threshold();
    Split chosenOn = onValidation ? Split.VALIDATION : Split.TEST;
    return new Decision(
        Optional.of(DecisionThreshold.chosen(t, policy, chosenOn)),
        Optional.of(
            new ReportData.Threshold(
                t, policy.describe(), chosenOn, testCurve.at(t), testCurve.at(0.5))),
        testCurve.table(e.beta(), policy.fpCost(), policy.fnCost()),
        BinaryEvaluation.calibration(scored.rows(), 10));
  }

  /** The other models of {@code evaluate.compare}, each scored on these same test rows. */
  private List<ReportData.Comparison> compare(
      RunContext run, ModelRegistry registry, ModelMetadata meta, Dataset<Row> test) {
    List<ReportData.Comparison> out = new ArrayList<>();
    for (String entry : e.compare()) {
      String[] parts = entry.split(":", 2);
      String name = parts[0];
      String wanted =
          parts.length > 1
              ? parts[1]
              : registry.alias(name, ModelRegistry.CHAMPION).isPresent()
                  ? ModelRegistry.CHAMPION
                  : ModelRegistry.LATEST;
      ModelRegistry.Version other = registry.resolve(name, wanted);
      Comparability.check(meta, other.metadata(), test.schema(), "evaluate.compare");
      out.add(compared(registry, other, meta, test));
    }
    return out;
  }

  /** One compared model's metrics (at its own threshold) and curve on the test rows. */
  private ReportData.Comparison compared(
      ModelRegistry registry, ModelRegistry.Version other, ModelMetadata meta, Dataset<Row> test) {
    ModelMetadata om = other.metadata();
    try (ScoredRows scored = ScoredRows.of(other.load(), test, meta.task())) {
      Metrics metrics = scored.metrics(meta.question(), om.decisionThreshold(), e.beta());
      List<ThresholdCurve.Rates> curve =
          meta.task() == Task.BINARY
              ? ThresholdCurve.of(scored.rows()).table(e.beta(), 1, 1)
              : List.of();
      return new ReportData.Comparison(
          other.name(),
          other.version(),
          om.algorithm(),
          registry.isChampion(other.name(), other.version()),
          metrics,
          curve);
    }
  }

  /** {@code metrics.json}: every metric, the threshold and its curve, the models compared. */
  private String metricsJson(
      RunContext run,
      ModelMetadata meta,
      Metrics metrics,
      Decision decision,
      List<ReportData.Comparison> comparisons) {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("model", model);
    report.put("version", meta.version());
    report.put("task", meta.task().displayName());
    report.put("test_data", meta.trainingData().describe());
    report.put("run_id", run.runId());
    report.put("metrics", metrics.toMap());
    decision
        .threshold()
        .flatMap(DecisionThreshold::policyMap)
        .ifPresent(
            th -> {
              report.put("threshold", th);
              report.put(
                  "curve", decision.curve().stream().map(ThresholdCurve.Rates::toMap).toList());
              report.put(
                  "calibration",
                  decision.calibration().stream()
                      .map(BinaryEvaluation.CalibrationBin::toMap)
                      .toList());
            });
    if (!comparisons.isEmpty()) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (ReportData.Comparison c : comparisons) {
        rows.add(
            Map.of("model", c.model(), "version", c.version(), "metrics", c.metrics().toMap()));
      }
      report.put("compared", rows);
    }
    return Json.write(report);
  }

  private ReportData reportData(
      RunContext run,
      ModelRegistry registry,
      ModelRegistry.Version version,
      ModelMetadata updated,
      Metrics metrics,
      Decision decision,
      ScoredRows scored,
      Dataset<Row> test,
      List<ReportData.Comparison> comparisons) {
    Task task = updated.task();
    return new ReportData(
        updated,
        metrics,
        decision.view(),
        decision.curve(),
        decision.calibration(),
        task == Task.REGRESSION
            ? ReportSamples.actualVsPredicted(scored.rows(), SAMPLE_ROWS)
            : List.of(),
        ReportSamples.projection(scored.rows(), updated.question(), SAMPLE_ROWS),
        FeatureWeights.of(scored.model(), scored.rows(), updated.features().plainNumeric()),
        explanations(run, version, scored.model(), test, metrics.rows()),
        ReportSamples.searchTable(run.files(), version.path()),
        comparisons,
        ReportSamples.dataQuality(run.files(), lake, dataset, updated.trainingData()),
        registry.isChampion(model, version.version()));
  }

  /**
   * Why the model predicts what it does, for models that explain (XGBoost, linear): the mean
   * |contribution| per feature over the test rows, and the reasons of the five highest-scored.
   */
  private static Optional<Explainer.Summary> explanations(
      RunContext run,
      ModelRegistry.Version version,
      PipelineModel model,
      Dataset<Row> test,
      long rows) {
    ModelMetadata meta = version.metadata();
    return Explainer.of(model, version, run.files(), test)
        .map(
            e ->
                e.summarize(
                    test,
                    rows,
                    Explainer.score(meta.task()),
                    meta.trainingData().split().key(),
                    HIGHEST_EXPLAINED,
                    meta.trainingData().split().seed()));
  }

  private void record(
      RunContext run, StepRecord step, int version, Metrics metrics, Decision decision) {
    for (Metric m : Metric.values()) {
      metrics.value(m).ifPresent(d -> step.count(m.configName(), round(d)));
    }
    run.console()
        .info(
            "%s",
            metrics instanceof Metrics.Binary b
                ? describe(model, version, b)
                    + String.format(
                        Locale.ROOT, "%n  threshold: %s", decision.view().get().policy())
                : String.format(
                    "%s v%d on %s test rows: %s",
                    model, version, metrics.rows(), metrics.headline()));
  }

  /** A short human summary: the confusion matrix and the headline rates. */
  static String describe(String model, int version, Metrics.Binary m) {
    return String.format(
        Locale.ROOT,
        "%s v%d on %s test rows at threshold %.3f:%n"
            + "          predicted +   predicted -%n"
            + "  actual + %11s %13s%n"
            + "  actual - %11s %13s%n"
            + "  accuracy %.3f  precision %.3f  recall %.3f  specificity %.3f  F1 %.3f  ROC AUC %.3f  PR AUC %.3f",
        model,
        version,
        m.rows(),
        m.threshold(),
        m.confusion().tp(),
        m.confusion().fn(),
        m.confusion().fp(),
        m.confusion().tn(),
        m.confusion().accuracy(),
        m.confusion().precision(),
        m.confusion().recall(),
        m.confusion().specificity(),
        m.confusion().f1(),
        m.rocAuc(),
        m.prAuc());
  }

  private static double round(double d) {
    return Math.round(d * 10000.0) / 10000.0;
  }
}
