package io.lakeml.score;

import io.lakeml.config.ConfigException;
import io.lakeml.explain.Explainer;
import io.lakeml.lake.Lake;
import io.lakeml.lake.LakeTables;
import io.lakeml.lake.StagedDay;
import io.lakeml.lake.TableId;
import io.lakeml.model.Batch;
import io.lakeml.model.ModelInput;
import io.lakeml.model.ModelRegistry;
import io.lakeml.model.Predictions;
import io.lakeml.run.PhaseTimer;
import io.lakeml.run.RunContext;
import io.lakeml.run.Step;
import io.lakeml.run.StepAction;
import io.lakeml.run.StepRecord;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * {@code score}: applies a pinned model version to a batch and replaces the run date of the Iceberg
 * table {@code lake.predictions.<model>} with the id columns, the predicted label, the probability
 * of the positive class, the threshold used and the model's name and version. The predictions are
 * staged first and published only when rows in = rows out (from the staged snapshot's summary).
 */
public final class ScoreStep implements StepAction<Long> {
  private final ScoreConfig s;
  private final String model;
  private final Lake lake;
  private final String dataset;

  /**
   * @param model the model to score with ({@code score.model}, else the trained model's name)
   */
  public ScoreStep(ScoreConfig s, String model, Lake lake, String dataset) {
    this.s = s;
    this.model = model;
    this.lake = lake;
    this.dataset = dataset;
  }

  @Override
  public Step step() {
    return Step.SCORE;
  }

  @Override
  public List<String> plan(LocalDate runDate) {
    return List.of(
        String.format(
            "score %s with %s version %s -> %s run_date %s (published when rows in = rows out)",
            Batch.describe(s.input(), lake, dataset, runDate),
            model,
            s.modelVersion(),
            predictionsTable().shortName(),
            runDate));
  }

  /** Scores the run date's batch; returns the published snapshot of the predictions table. */
  @Override
  public Long run(RunContext run, StepRecord step) {
    PhaseTimer timer = new PhaseTimer(step);
    ModelRegistry.Version version =
        new ModelRegistry(run.lake(), run.files()).resolve(model, s.modelVersion());
    Batch batch = Batch.read(run.spark(), lake, s.input(), dataset, run.runDate());
    ModelInput prepared =
        ModelInput.prepare(
            batch.rows(), version.metadata(), s.idColumns(), s.castMismatchedTypes());
    if (!prepared.cast().isEmpty()) {
      step.count("columns_cast", prepared.cast().toString());
      run.console().info("score: cast to the training types: %s", prepared.cast());
    }
    PipelineModel loaded = version.load();
    timer.lap("ms_load_model");
    Observation counted = new Observation("score_rows");
    Dataset<Row> in =
        prepared.rows().observe(counted, functions.count(functions.lit(1)).as("rows"));
    Dataset<Row> out = predictions(run, loaded, in, version);
    LakeTables tables = run.tables();
    tables.ensure(predictionsTable(), out.schema(), List.of());
    StagedDay staged = tables.stage(predictionsTable(), out, run.runDate(), "score-" + run.runId());
    timer.lap("ms_score_write");
    long rowsIn = batch.rowCount().orElseGet(() -> rowsObserved(counted));
    if (rowsIn != staged.rows()) {
      tables.discard(staged);
      throw new IllegalStateException(
          String.format(
              "scoring lost rows: %d in, %d staged for %s; nothing was published",
              rowsIn, staged.rows(), predictionsTable().shortName()));
    }
    long snapshot =
        tables.publish(
            staged,
            Map.of(
                "lakeml.run-id", run.runId(),
                "lakeml.run-date", run.runDate().toString(),
                "lakeml.model", model + " v" + version.version()));
    batch
        .snapshotId()
        .ifPresentOrElse(
            id -> step.input(batch.source(), rowsIn, id), () -> step.input(batch.source(), rowsIn));
    step.output(predictionsTable().toString(), staged.rows(), snapshot);
    step.count("model", model + " v" + version.version()).count("rows_scored", staged.rows());
    return snapshot;
  }

  /** The predictions with each row's {@code score.explain} strongest reasons. */
  private Dataset<Row> explained(
      RunContext run, PipelineModel loaded, Dataset<Row> rows, ModelRegistry.Version version) {
    Explainer explainer =
        Explainer.of(loaded, version, run.files(), rows)
            .orElseThrow(
                () ->
                    ConfigException.invalid(
                        "score.explain",
                        s.explain(),
                        String.format(
                            "0 for %s v%d (%s): models that explain are %s; a linear model"
                                + " registered before lakeml saved its training means must be"
                                + " trained again",
                            model,
                            version.version(),
                            version.metadata().algorithm(),
                            Explainer.SUPPORTED)));
    int n = Math.min(s.explain(), explainer.slots().size());
    return Predictions.select(
        explainer.contributions(rows),
        rows,
        version.metadata(),
        List.of(explainer.reasons(n).as(Explainer.REASONS)));
  }

  private static long rowsObserved(Observation counted) {
    try {
      Object n = counted.getAsJava().get("rows");
      return n instanceof Number num ? num.longValue() : 0L;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("scoring interrupted", e);
    }
  }

  private TableId predictionsTable() {
    return lake.tableId(Lake.Zone.PREDICTIONS, model);
  }

  /** The id columns, the model's output columns, and the model's name and version. */
  private Dataset<Row> predictions(
      RunContext run, PipelineModel loaded, Dataset<Row> rows, ModelRegistry.Version version) {
    Dataset<Row> predicted =
        s.explain() == 0
            ? Predictions.predict(loaded, rows, version.metadata())
            : explained(run, loaded, rows, version);
    List<String> inputColumns = List.of(rows.columns());
    List<Column> out = new ArrayList<>();
    for (String id : s.idColumns()) {
      out.add(functions.col(id));
    }
    for (String c : predicted.columns()) {
      if (!inputColumns.contains(c)) {
        out.add(functions.col(c));
      }
    }
    out.add(functions.lit(model).as("model_name"));
    out.add(functions.lit(version.version()).as("model_version"));
    return predicted.select(out.toArray(Column[]::new));
  }
}
