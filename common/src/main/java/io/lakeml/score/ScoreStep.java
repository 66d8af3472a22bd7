package io.lakeml.score;

import io.lakeml.io.CommittedData;
import io.lakeml.lake.Lake;
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
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.functions;

/**
 * {@code score}: applies a pinned model version to a batch and writes {@code
 * predictions/<model>/run_date=<D>/} with the id columns, the predicted label, the probability of
 * the positive class, the threshold used and the model's name and version. Rows in = rows out.
 */
public final class ScoreStep implements StepAction<String> {
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
            "score %s with %s version %s -> %s",
            input(runDate),
            model,
            s.modelVersion(),
            lake.partition(Lake.Zone.PREDICTIONS, model, runDate)));
  }

  /** Scores the run date's batch; returns the predictions' path. */
  @Override
  public String run(RunContext run, StepRecord step) {
    PhaseTimer timer = new PhaseTimer(step);
    ModelRegistry.Version version =
        new ModelRegistry(run.lake(), run.files()).resolve(model, s.modelVersion());
    String input = input(run.runDate());
    Dataset<Row> raw = CommittedData.parquet(run.spark(), input);
    ModelInput batch =
        ModelInput.prepare(raw, version.metadata(), s.idColumns(), s.castMismatchedTypes());
    if (!batch.cast().isEmpty()) {
      step.count("columns_cast", batch.cast().toString());
      run.console().info("score: cast to the training types: %s", batch.cast());
    }
    PipelineModel loaded = version.load();
    timer.lap("ms_load_model");
    String output = lake.partition(Lake.Zone.PREDICTIONS, model, run.runDate());
    predictions(loaded, batch.rows(), version).write().mode(SaveMode.Overwrite).parquet(output);
    timer.lap("ms_score_write");
    long in = raw.count();
    long written = run.spark().read().parquet(output).count();
    timer.lap("ms_count_back");
    step.input(input, in).output(output, written);
    step.count("model", model + " v" + version.version()).count("rows_scored", written);
    if (in != written) {
      throw new IllegalStateException(
          String.format("scoring lost rows: %d in, %d written to %s", in, written, output));
    }
    return output;
  }

  /** The id columns, the model's output columns, and the model's name and version. */
  private Dataset<Row> predictions(
      PipelineModel loaded, Dataset<Row> rows, ModelRegistry.Version version) {
    Dataset<Row> predicted = Predictions.predict(loaded, rows, version.metadata());
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

  /** {@code score.input}, else the run date's curated partition. */
  public String input(LocalDate runDate) {
    return lake.pathOr(s.input(), Lake.Zone.CURATED, dataset, runDate);
  }
}
