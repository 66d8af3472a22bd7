package io.lakeml.drift;

import io.lakeml.config.ConfigException;
import io.lakeml.config.LakemlConfig;
import io.lakeml.io.CommittedData;
import io.lakeml.io.Json;
import io.lakeml.job.DriftAlertException;
import io.lakeml.job.Job;
import io.lakeml.job.Version;
import io.lakeml.lake.Lake;
import io.lakeml.model.ModelRegistry;
import io.lakeml.model.Predictions;
import io.lakeml.report.DriftPage;
import io.lakeml.run.CompletedSteps;
import io.lakeml.run.RunContext;
import io.lakeml.run.StepRecord;
import io.lakeml.score.ScoreJob;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * {@code drift}: compares the run date's batch with the baseline saved with the model (the champion
 * by default): PSI per input column and for the predictions, Kolmogorov–Smirnov for numeric
 * columns, the rate of new categories. Writes {@code drift.json} and an HTML page to {@code
 * reports/<model>/drift/run_date=<D>/}; when a column crosses an alert threshold and {@code
 * drift.fail-on-alert} is set, the job ends with a {@link DriftAlertException} (its own exit code)
 * once everything is written.
 */
public final class DriftJob implements Job {
  /** The outcome of one comparison. */
  public record Result(String status, List<String> alerts, String path) {
    public boolean alert() {
      return "alert".equals(status);
    }

    /** The result an earlier run recorded for the step (its counts and outputs). */
    public static Result recorded(CompletedSteps.Record record) {
      String status = String.valueOf(record.counts().get("drift_status"));
      List<String> pages =
          record.outputs().stream()
              .map(o -> (String) o.get("path"))
              .filter(p -> p.endsWith(".html"))
              .toList();
      return new Result(
          status,
          "alert".equals(status) ? List.of("as recorded by run " + record.runId()) : List.of(),
          pages.isEmpty() ? "" : pages.get(0));
    }
  }

  @Override
  public String name() {
    return "drift";
  }

  @Override
  public List<String> plan(LakemlConfig config, LocalDate runDate) {
    DriftConfig d = config.drift();
    return List.of(
        String.format(
            "drift of %s against the baseline of %s version %s (alert at PSI >= %s, KS >= %s,"
                + " new categories >= %s, prediction PSI >= %s%s) -> %s",
            input(config, runDate),
            config.modelName(),
            d.modelVersion(),
            d.psiAlert(),
            d.ksAlert(),
            d.newCategoryAlert(),
            d.predictionPsiAlert(),
            d.failOnAlert() ? "; an alert fails the run" : "",
            config.lake().driftReport(config.modelName(), runDate)));
  }

  @Override
  public void run(RunContext run, LakemlConfig config) {
    Result result = run.step("drift", s -> drift(run, config, config.drift().modelVersion(), s));
    raiseIfAlerting(config, result);
  }

  /** Ends the run with the drift exit code when the result alerts and the config says so. */
  public static void raiseIfAlerting(LakemlConfig config, Result result) {
    if (result.alert() && config.drift().failOnAlert()) {
      throw new DriftAlertException(
          "drift alert: "
              + String.join("; ", result.alerts())
              + " (report: "
              + result.path()
              + ")");
    }
  }

  /** Compares the batch with the baseline of a model version and writes the results. */
  public static Result drift(
      RunContext run, LakemlConfig config, String versionOrAlias, StepRecord step) {
    DriftConfig d = config.drift();
    String model = config.modelName();
    ModelRegistry.Version version =
        new ModelRegistry(run.lake(), run.files()).resolve(model, versionOrAlias);
    String baselineFile = version.path() + "/" + Baseline.FILE;
    if (!run.files().exists(baselineFile)) {
      throw new IllegalStateException(
          String.format(
              "%s v%d has no drift baseline (%s): it was trained before lakeml saved one;"
                  + " retrain it to monitor drift",
              model, version.version(), baselineFile));
    }
    Baseline baseline = Baseline.fromMap(Json.readMap(run.files().readString(baselineFile)));
    Map<String, ColumnProfile> compared = columns(baseline, d);
    Map<String, Object> meta = version.metadata();

    String input = input(config, run.runDate());
    Dataset<Row> batch = CommittedData.parquet(run.spark(), input);
    Dataset<Row> prepared = ScoreJob.prepare(batch, meta, List.of(), config.score()).rows();
    Dataset<Row> predicted =
        Predictions.predict(version.load(), prepared, meta).persist(StorageLevel.MEMORY_AND_DISK());
    Map<String, ColumnProfile> profiles;
    try {
      Map<String, ColumnProfile> targets = new LinkedHashMap<>(compared);
      baseline.prediction().ifPresent(p -> targets.put(p.column(), p));
      profiles = Profiler.against(predicted, targets);
    } finally {
      predicted.unpersist();
    }

    List<ColumnDrift> drifts = new ArrayList<>();
    compared.forEach(
        (c, base) -> drifts.add(ColumnDrift.compare(base, profiles.get(c), d, d.psiAlert())));
    Optional<ColumnDrift> prediction =
        baseline
            .prediction()
            .map(p -> ColumnDrift.compare(p, profiles.get(p.column()), d, d.predictionPsiAlert()));
    long rows =
        profiles.values().stream().findFirst().map(ColumnProfile::rows).orElse(batch.count());

    List<String> alerts = new ArrayList<>();
    boolean warn = false;
    if (rows > 0) {
      for (ColumnDrift c : drifts) {
        if (c.status() == ColumnDrift.Status.ALERT) {
          alerts.add(c.column() + ": " + String.join(", ", c.reasons()));
        }
        warn |= c.status() == ColumnDrift.Status.WARN;
      }
      if (prediction.isPresent() && prediction.get().status() == ColumnDrift.Status.ALERT) {
        alerts.add(
            "predictions ("
                + prediction.get().column()
                + "): "
                + String.join(", ", prediction.get().reasons()));
      }
      warn |= prediction.map(p -> p.status() == ColumnDrift.Status.WARN).orElse(false);
    }
    String status = rows == 0 ? "empty" : !alerts.isEmpty() ? "alert" : warn ? "warn" : "ok";

    Map<String, Object> result = new LinkedHashMap<>();
    result.put("model", model);
    result.put("version", version.version());
    result.put("run_date", run.runDate().toString());
    result.put("run_id", run.runId());
    result.put("input", input);
    result.put("rows", rows);
    result.put("baseline_rows", baseline.rows());
    result.put("baseline", baselineFile);
    result.put("status", status);
    result.put("alerts", alerts);
    Map<String, Object> thresholds = new LinkedHashMap<>();
    thresholds.put("psi_warn", d.psiWarn());
    thresholds.put("psi_alert", d.psiAlert());
    thresholds.put("ks_alert", d.ksAlert());
    thresholds.put("new_category_alert", d.newCategoryAlert());
    thresholds.put("prediction_psi_alert", d.predictionPsiAlert());
    result.put("thresholds", thresholds);
    result.put("prediction", prediction.map(ColumnDrift::toMap).orElse(null));
    result.put("columns", drifts.stream().map(ColumnDrift::toMap).toList());
    result.put("spark_version", run.spark().version());
    result.put("lakeml_version", Version.LAKEML);

    String dir = config.lake().driftReport(model, run.runDate());
    String json = dir + "/drift.json";
    run.files().writeString(json, Json.write(result));
    String page = DriftPage.write(run.files(), dir, result);

    step.input(input, rows);
    step.output(json, null).output(page, null);
    step.count("model", model + " v" + version.version());
    step.count("drift_status", status);
    step.count(
        "columns_alerting",
        drifts.stream().filter(c -> c.status() == ColumnDrift.Status.ALERT).count());
    step.count(
        "max_feature_psi", round(drifts.stream().mapToDouble(ColumnDrift::psi).max().orElse(0.0)));
    prediction.ifPresent(p -> step.count("prediction_psi", round(p.psi())));
    run.console()
        .info("drift: %s%s", status, alerts.isEmpty() ? "" : " — " + String.join("; ", alerts));
    return new Result(status, alerts, page);
  }

  /** The baseline's columns, or the configured subset (each must be one the model reads). */
  private static Map<String, ColumnProfile> columns(Baseline baseline, DriftConfig d) {
    if (d.columns().isEmpty()) {
      return baseline.columns();
    }
    Map<String, ColumnProfile> out = new LinkedHashMap<>();
    for (String c : d.columns()) {
      ColumnProfile p = baseline.columns().get(c);
      if (p == null) {
        throw ConfigException.invalid(
            "drift.columns", c, "an input column of the model " + baseline.columns().keySet());
      }
      out.put(c, p);
    }
    return out;
  }

  private static double round(double v) {
    return Math.round(v * 10000.0) / 10000.0;
  }

  /** {@code drift.input}, else what {@code score} reads for the date. */
  static String input(LakemlConfig config, LocalDate runDate) {
    return config.drift().input().map(Lake::resolve).orElse(ScoreJob.input(config, runDate));
  }
}
