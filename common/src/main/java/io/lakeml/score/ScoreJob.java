package io.lakeml.score;

import io.lakeml.config.LakemlConfig;
import io.lakeml.io.CommittedData;
import io.lakeml.io.Identifiers;
import io.lakeml.job.DataQualityException;
import io.lakeml.job.Job;
import io.lakeml.lake.Lake;
import io.lakeml.model.ModelRegistry;
import io.lakeml.model.Predictions;
import io.lakeml.run.PhaseTimer;
import io.lakeml.run.RunContext;
import io.lakeml.run.StepRecord;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * {@code score}: applies a pinned model version to a batch and writes {@code
 * predictions/<model>/run_date=<D>/} with the id columns, the predicted label, the probability of
 * the positive class, the threshold used and the model's name and version. Rows in = rows out.
 */
public final class ScoreJob implements Job {
  @Override
  public String name() {
    return "score";
  }

  @Override
  public List<String> plan(LakemlConfig config, LocalDate runDate) {
    return List.of(
        String.format(
            "score %s with %s version %s -> %s",
            input(config, runDate),
            config.modelName(),
            config.score().modelVersion(),
            config.lake().partition(Lake.Zone.PREDICTIONS, config.modelName(), runDate)));
  }

  @Override
  public void run(RunContext run, LakemlConfig config) {
    run.step("score", step -> score(run, config, config.score().modelVersion(), step));
  }

  /** Scores the run date's batch with a version; returns the predictions' path. */
  public static String score(
      RunContext run, LakemlConfig config, String versionOrAlias, StepRecord step) {
    PhaseTimer timer = new PhaseTimer(step);
    String model = config.modelName();
    ModelRegistry.Version version =
        new ModelRegistry(run.lake(), run.files()).resolve(model, versionOrAlias);
    Map<String, Object> meta = version.metadata();
    String input = input(config, run.runDate());
    Dataset<Row> raw = CommittedData.parquet(run.spark(), input);
    Prepared batch = prepare(raw, meta, config.score().idColumns(), config.score());
    if (!batch.cast().isEmpty()) {
      step.count("columns_cast", batch.cast().toString());
      run.console().info("score: cast to the training types: %s", batch.cast());
    }

    PipelineModel loaded = version.load();
    timer.lap("ms_load_model");
    Dataset<Row> predicted = Predictions.predict(loaded, batch.rows(), meta);
    List<String> inputColumns = List.of(batch.rows().columns());
    List<Column> out = new ArrayList<>();
    for (String id : config.score().idColumns()) {
      out.add(functions.col(id));
    }
    for (String c : predicted.columns()) {
      if (!inputColumns.contains(c)) {
        out.add(functions.col(c));
      }
    }
    out.add(functions.lit(model).as("model_name"));
    out.add(functions.lit(version.version()).as("model_version"));

    String output = config.lake().partition(Lake.Zone.PREDICTIONS, model, run.runDate());
    predicted.select(out.toArray(Column[]::new)).write().mode(SaveMode.Overwrite).parquet(output);
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

  /** A batch ready for the model, and the columns that were cast to get it there. */
  public record Prepared(Dataset<Row> rows, List<String> cast) {}

  /**
   * Checks a batch against the model's training schema: every input column (and id column) must be
   * present, or the job fails naming them; a column of another type fails naming the column and
   * both types, or is cast when the configuration says so. Extra columns pass through untouched.
   */
  public static Prepared prepare(
      Dataset<Row> batch, Map<String, Object> meta, List<String> ids, ScoreConfig score) {
    List<String> present = List.of(batch.columns());
    StructType schema = Predictions.inputSchema(meta);
    List<String> missing = new ArrayList<>();
    for (StructField f : schema.fields()) {
      if (!present.contains(f.name())) {
        missing.add(f.name());
      }
    }
    for (String id : ids) {
      if (!present.contains(id)) {
        missing.add(id);
      }
    }
    if (!missing.isEmpty()) {
      throw new DataQualityException(
          "the batch to score lacks columns "
              + missing
              + " that the model needs; it has "
              + present);
    }
    Dataset<Row> rows = batch;
    List<String> cast = new ArrayList<>();
    List<String> mismatched = new ArrayList<>();
    for (StructField f : schema.fields()) {
      DataType actual = batch.schema().apply(f.name()).dataType();
      if (!actual.sameType(f.dataType())) {
        String what =
            String.format(
                "%s is %s, trained as %s",
                f.name(), actual.simpleString(), f.dataType().simpleString());
        if (score.castMismatchedTypes()) {
          rows =
              rows.withColumn(
                  f.name(), functions.col(Identifiers.quote(f.name())).cast(f.dataType()));
          cast.add(what);
        } else {
          mismatched.add(what);
        }
      }
    }
    if (!mismatched.isEmpty()) {
      throw new DataQualityException(
          "the batch to score has columns of other types than the model was trained on: "
              + String.join("; ", mismatched)
              + " (set score.on-type-mismatch = cast to convert them)");
    }
    return new Prepared(rows, cast);
  }

  public static String input(LakemlConfig config, LocalDate runDate) {
    return config
        .score()
        .input()
        .map(Lake::resolve)
        .orElse(config.lake().partition(Lake.Zone.CURATED, config.dataset(), runDate));
  }
}
