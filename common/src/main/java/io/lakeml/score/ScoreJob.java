package io.lakeml.score;

import io.lakeml.config.LakemlConfig;
import io.lakeml.evaluate.BinaryEvaluation;
import io.lakeml.io.CommittedData;
import io.lakeml.job.DataQualityException;
import io.lakeml.job.Job;
import io.lakeml.lake.Lake;
import io.lakeml.model.ModelRegistry;
import io.lakeml.run.RunContext;
import io.lakeml.run.StepRecord;
import io.lakeml.train.TrainColumns;
import io.lakeml.train.TrainedOn;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    String model = config.modelName();
    ModelRegistry.Version version =
        new ModelRegistry(run.lake(), run.files()).resolve(model, versionOrAlias);
    Map<String, Object> meta = version.metadata();
    String input = input(config, run.runDate());
    Dataset<Row> batch = CommittedData.parquet(run.spark(), input);
    checkInput(batch, meta, config.score().idColumns());

    TrainedOn trainedOn = TrainedOn.fromMetadata(meta);
    List<Column> out = new ArrayList<>();
    for (String id : config.score().idColumns()) {
      out.add(functions.col(id));
    }
    out.addAll(outputColumns(trainedOn, meta));
    out.add(functions.lit(model).as("model_name"));
    out.add(functions.lit(version.version()).as("model_version"));

    String output = config.lake().partition(Lake.Zone.PREDICTIONS, model, run.runDate());
    version
        .load()
        .transform(batch)
        .select(out.toArray(Column[]::new))
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(output);

    long in = batch.count();
    long written = run.spark().read().parquet(output).count();
    step.input(input, in).output(output, written);
    step.count("model", model + " v" + version.version()).count("rows_scored", written);
    if (in != written) {
      throw new IllegalStateException(
          String.format("scoring lost rows: %d in, %d written to %s", in, written, output));
    }
    return output;
  }

  /**
   * What a prediction holds, by task: binary, the class chosen at the model's threshold, the
   * positive probability and the threshold; multiclass, the class and its probability; regression,
   * the number; clustering, the cluster; projection, the components as an array.
   */
  static List<Column> outputColumns(TrainedOn on, Map<String, Object> meta) {
    List<String> classes = on.classes();
    return switch (on.task()) {
      case BINARY -> {
        double threshold = ((Number) meta.get("threshold")).doubleValue();
        Column probability = BinaryEvaluation.positiveProbability(TrainColumns.PROBABILITY);
        yield List.of(
            functions
                .when(probability.geq(threshold), classes.get(1))
                .otherwise(classes.get(0))
                .as("prediction"),
            probability.as("probability"),
            functions.lit(threshold).as("threshold"));
      }
      case MULTICLASS -> {
        Column label = functions.lit(null).cast("string");
        for (int i = classes.size() - 1; i >= 0; i--) {
          label =
              functions
                  .when(functions.col(TrainColumns.PREDICTION).equalTo((double) i), classes.get(i))
                  .otherwise(label);
        }
        Column probabilities =
            org.apache.spark.ml.functions.vector_to_array(
                functions.col(TrainColumns.PROBABILITY), "float64");
        yield List.of(label.as("prediction"), functions.array_max(probabilities).as("probability"));
      }
      case REGRESSION -> List.of(functions.col(TrainColumns.PREDICTION).as("prediction"));
      case CLUSTERING -> List.of(functions.col(TrainColumns.PREDICTION).as("cluster"));
      case PROJECTION ->
          List.of(
              org.apache
                  .spark
                  .ml
                  .functions
                  .vector_to_array(functions.col(TrainColumns.PROJECTION), "float64")
                  .as("projection"));
    };
  }

  /** Every feature the model was trained on must be present; extra columns pass through. */
  static void checkInput(Dataset<Row> batch, Map<String, Object> meta, List<String> ids) {
    List<String> present = List.of(batch.columns());
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> fields =
        (List<Map<String, Object>>) ((Map<String, Object>) meta.get("input_schema")).get("fields");
    List<String> missing = new ArrayList<>();
    for (Map<String, Object> f : fields) {
      if (!present.contains((String) f.get("name"))) {
        missing.add((String) f.get("name"));
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
  }

  static String input(LakemlConfig config, LocalDate runDate) {
    return config
        .score()
        .input()
        .map(Lake::resolve)
        .orElse(config.lake().partition(Lake.Zone.CURATED, config.dataset(), runDate));
  }
}
