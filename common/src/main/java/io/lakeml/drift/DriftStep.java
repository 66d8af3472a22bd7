package io.lakeml.drift;

import io.lakeml.baseline.Baseline;
import io.lakeml.baseline.Distribution;
import io.lakeml.baseline.Profiler;
import io.lakeml.config.ConfigException;
import io.lakeml.io.Json;
import io.lakeml.lake.Lake;
import io.lakeml.ml.DriftAlertException;
import io.lakeml.model.Batch;
import io.lakeml.model.ModelInput;
import io.lakeml.model.ModelMetadata;
import io.lakeml.model.ModelRegistry;
import io.lakeml.model.Predictions;
import io.lakeml.run.CompletedSteps;
import io.lakeml.run.RunContext;
import io.lakeml.run.Step;
import io.lakeml.run.StepAction;
import io.lakeml.run.StepRecord;
import io.lakeml.run.Version;
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
 * drift.fail-on-alert} is set, the run ends with a {@link DriftAlertException} (its own exit code)
 * once everything is written.
 */
public final class DriftStep implements StepAction<DriftStep.Outcome> {
  private final DriftConfig d;
  private final String model;
  private final Lake lake;
  private final String dataset;
  private final Optional<String> scoreInput;
  private final boolean castMismatched;

  /**
   * @param scoreInput {@code score.input}: the batch when {@code drift.input} names none
   * @param castMismatched read the batch as scoring does ({@code score.on-type-mismatch = cast})
   */
  public DriftStep(
      DriftConfig d,
      String model,
      Lake lake,
      String dataset,
      Optional<String> scoreInput,
      boolean castMismatched) {
    this.d = d;
    this.model = model;
    this.lake = lake;
    this.dataset = dataset;
    this.scoreInput = scoreInput;
    this.castMismatched = castMismatched;
  }

  /** The outcome of one comparison, as the steps after it and a resumed run see it. */
  public record Outcome(DriftStatus status, List<String> alerts, String page) {
    public boolean alert() {
      return status == DriftStatus.ALERT;
    }

    /** The outcome an earlier run recorded for the step (its counts and outputs). */
    public static Outcome recorded(CompletedSteps.Record record) {
      DriftStatus status = DriftStatus.byName(String.valueOf(record.counts().get("drift_status")));
      List<String> pages =
          record.outputs().stream()
              .map(o -> (String) o.get("path"))
              .filter(p -> p.endsWith(".html"))
              .toList();
      return new Outcome(
          status,
          status == DriftStatus.ALERT ? List.of("as recorded by run " + record.runId()) : List.of(),
          pages.isEmpty() ? "" : pages.get(0));
    }

    /** Ends the run with the drift exit code when the outcome alerts and {@code failOnAlert}. */
    public void raiseIfAlerting(boolean failOnAlert) {
      if (alert() && failOnAlert) {
        throw new DriftAlertException(
            "drift alert: " + String.join("; ", alerts) + " (report: " + page + ")");
      }
    }
  }

  @Override
  public Step step() {
    return Step.DRIFT;
  }

  @Override
  public List<String> plan(LocalDate runDate) {
    return List.of(
        String.format(
            "drift of %s against the baseline of %s version %s (alert at PSI >= %s, KS >= %s,"
                + " new categories >= %s, prediction PSI >= %s%s) -> %s",
            Batch.describe(batchPath(), lake, dataset, runDate),
            model,
            d.modelVersion(),
            d.psiAlert(),
            d.ksAlert(),
            d.newCategoryAlert(),
            d.predictionPsiAlert(),
            d.failOnAlert() ? "; an alert fails the run" : "",
            lake.driftReport(model, runDate)));
  }

  /** Compares the batch with the baseline of the configured version and writes the results. */
  @Override
  public Outcome run(RunContext run, StepRecord step) {
    ModelRegistry.Version version =
        new ModelRegistry(run.lake(), run.files()).resolve(model, d.modelVersion());
    String baselineFile = version.path() + "/" + Baseline.FILE;
    Baseline baseline = readBaseline(run, version, baselineFile);
    Map<String, Distribution> compared = columns(baseline);
    Batch batch = Batch.read(run.spark(), lake, batchPath(), dataset, run.runDate());
    String input = batch.source();
    Map<String, Distribution> profiles = profile(run, version, batch.rows(), baseline, compared);
    List<ColumnDrift> drifts = new ArrayList<>();
    compared.forEach(
        (c, base) -> drifts.add(ColumnDrift.compare(base, profiles.get(c), d, d.psiAlert())));
    Optional<ColumnDrift> prediction =
        baseline
            .prediction()
            .map(p -> ColumnDrift.compare(p, profiles.get(p.column()), d, d.predictionPsiAlert()));
    long rows =
        profiles.values().stream()
            .findFirst()
            .map(Distribution::rows)
            .orElseGet(() -> batch.rowCount().orElseGet(() -> batch.rows().count()));
    List<String> alerts = rows > 0 ? alerts(drifts, prediction) : List.of();
    DriftResult result =
        new DriftResult(
            model,
            version.version(),
            run.runDate(),
            run.runId(),
            input,
            rows,
            baseline.rows(),
            baselineFile,
            status(rows, alerts, drifts, prediction),
            alerts,
            d,
            prediction,
            drifts,
            new ModelMetadata.Versions(run.spark().version(), Version.LAKEML));
    return write(run, step, result);
  }

  private static Baseline readBaseline(RunContext run, ModelRegistry.Version version, String file) {
    if (!run.files().exists(file)) {
      throw new IllegalStateException(
          String.format(
              "%s v%d has no drift baseline (%s): it was trained before lakeml saved one;"
                  + " retrain it to monitor drift",
              version.name(), version.version(), file));
    }
    return Baseline.fromMap(Json.readMap(run.files().readString(file)));
  }

  /**
   * The batch as the model reads it, its predictions added, counted against the baseline's bins:
   * one profile per compared column and one of the prediction.
   */
  private Map<String, Distribution> profile(
      RunContext run,
      ModelRegistry.Version version,
      Dataset<Row> batch,
      Baseline baseline,
      Map<String, Distribution> compared) {
    ModelMetadata meta = version.metadata();
    Dataset<Row> prepared = ModelInput.prepare(batch, meta, List.of(), castMismatched).rows();
    Dataset<Row> predicted =
        Predictions.predict(version.load(), prepared, meta).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Map<String, Distribution> targets = new LinkedHashMap<>(compared);
      baseline.prediction().ifPresent(p -> targets.put(p.column(), p));
      return Profiler.against(predicted, targets);
    } finally {
      predicted.unpersist();
    }
  }

  private static List<String> alerts(List<ColumnDrift> drifts, Optional<ColumnDrift> prediction) {
    List<String> alerts = new ArrayList<>();
    for (ColumnDrift c : drifts) {
      if (c.status() == DriftStatus.ALERT) {
        alerts.add(c.column() + ": " + String.join(", ", c.reasons()));
      }
    }
    prediction
        .filter(p -> p.status() == DriftStatus.ALERT)
        .ifPresent(
            p -> alerts.add("predictions (" + p.column() + "): " + String.join(", ", p.reasons())));
    return alerts;
  }

  private static DriftStatus status(
      long rows, List<String> alerts, List<ColumnDrift> drifts, Optional<ColumnDrift> prediction) {
    if (rows == 0) {
      return DriftStatus.EMPTY;
    }
    if (!alerts.isEmpty()) {
      return DriftStatus.ALERT;
    }
    boolean warn =
        drifts.stream().anyMatch(c -> c.status() == DriftStatus.WARN)
            || prediction.map(p -> p.status() == DriftStatus.WARN).orElse(false);
    return warn ? DriftStatus.WARN : DriftStatus.OK;
  }

  /** Writes {@code drift.json} and the page; records the step's counts. */
  private Outcome write(RunContext run, StepRecord step, DriftResult result) {
    String dir = lake.driftReport(model, run.runDate());
    String json = dir + "/drift.json";
    run.files().writeString(json, Json.write(result.toMap()));
    String page = DriftPage.write(run.files(), dir, result);
    step.input(result.input(), result.rows());
    step.output(json, null).output(page, null);
    step.count("model", model + " v" + result.version());
    step.count("drift_status", result.status().configName());
    step.count("columns_alerting", result.columnsWith(DriftStatus.ALERT));
    step.count(
        "max_feature_psi",
        round(result.columns().stream().mapToDouble(ColumnDrift::psi).max().orElse(0.0)));
    result.prediction().ifPresent(p -> step.count("prediction_psi", round(p.psi())));
    run.console()
        .info(
            "drift: %s%s",
            result.status().configName(),
            result.alerts().isEmpty() ? "" : " — " + String.join("; ", result.alerts()));
    return new Outcome(result.status(), result.alerts(), page);
  }

  /** The baseline's columns, or the configured subset (each must be one the model reads). */
  private Map<String, Distribution> columns(Baseline baseline) {
    if (d.columns().isEmpty()) {
      return baseline.columns();
    }
    Map<String, Distribution> out = new LinkedHashMap<>();
    for (String c : d.columns()) {
      Distribution p = baseline.columns().get(c);
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

  /** {@code drift.input}, else {@code score.input}; none means the curated rows of the date. */
  private Optional<String> batchPath() {
    return d.input().or(() -> scoreInput);
  }
}
