package io.lakeml.train;

import io.lakeml.config.LakemlConfig;
import io.lakeml.features.FeatureConfig;
import io.lakeml.features.FeaturePipeline;
import io.lakeml.io.CommittedData;
import io.lakeml.io.Json;
import io.lakeml.job.DataQualityException;
import io.lakeml.job.Job;
import io.lakeml.job.Version;
import io.lakeml.lake.Lake;
import io.lakeml.model.ModelRegistry;
import io.lakeml.run.RunContext;
import io.lakeml.run.StepRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * {@code train}: fits the feature stages and the estimator on the training split of the curated
 * data, as one {@link PipelineModel}, and registers it as a new version with its metadata.
 */
public final class TrainJob implements Job {
  @Override
  public String name() {
    return "train";
  }

  @Override
  public List<String> plan(LakemlConfig config, LocalDate runDate) {
    TrainConfig t = config.requireTrain();
    FeatureConfig f = config.requireFeatures();
    return List.of(
        String.format(
            "train %s %s on %s (label %s = '%s'; %d numeric, %d categorical features; split %.2f/%.2f/%.2f seed %d) -> %s/<next version>",
            t.algorithm().configName(),
            t.params(),
            input(config, runDate),
            t.label(),
            t.positiveLabel(),
            f.numericInputs().size(),
            f.categoricalInputs().size(),
            t.split().train(),
            t.split().validation(),
            t.split().test(),
            t.split().seed(),
            config.lake().table(Lake.Zone.MODELS, t.modelName())));
  }

  @Override
  public void run(RunContext run, LakemlConfig config) {
    run.step("train", step -> train(run, config, step));
  }

  /** Trains and registers; returns the new version. */
  public static ModelRegistry.Version train(RunContext run, LakemlConfig config, StepRecord step) {
    TrainConfig t = config.requireTrain();
    FeatureConfig f = config.requireFeatures();
    String input = input(config, run.runDate());
    Dataset<Row> data = CommittedData.parquet(run.spark(), input);
    checkColumns(data.schema(), f, t);

    Dataset<Row> assigned = HashSplit.assign(data, t.split());
    // One pass counts rows per (split, label value): split sizes and label guard rails together.
    Map<String, Long> perSplit = new HashMap<>();
    Map<String, Long> perLabel = new HashMap<>();
    Map<String, Long> trainPerLabel = new HashMap<>();
    for (Row r :
        assigned
            .groupBy(functions.col(HashSplit.COLUMN), functions.col(t.label()).cast("string"))
            .count()
            .collectAsList()) {
      String split = r.getString(0);
      String value = r.isNullAt(1) ? null : r.getString(1);
      perSplit.merge(split, r.getLong(2), Long::sum);
      perLabel.merge(value, r.getLong(2), Long::sum);
      if (HashSplit.TRAIN.equals(split)) {
        trainPerLabel.merge(value, r.getLong(2), Long::sum);
      }
    }
    List<String> classes = BinaryLabel.classes(perLabel, t.label(), t.positiveLabel());
    long trainRows = perSplit.getOrDefault(HashSplit.TRAIN, 0L);
    if (trainRows < t.minRows()) {
      throw new DataQualityException(
          String.format(
              "only %d training rows in %s; train.min-rows is %d", trainRows, input, t.minRows()));
    }
    BinaryLabel.classes(trainPerLabel, t.label(), t.positiveLabel());

    List<PipelineStage> stages = new ArrayList<>(FeaturePipeline.stages(f));
    stages.add(t.algorithm().estimator(t.params(), TrainColumns.standard(), t.split().seed()));
    Dataset<Row> training =
        BinaryLabel.encode(HashSplit.only(assigned, HashSplit.TRAIN), t.label(), t.positiveLabel())
            .persist(StorageLevel.MEMORY_AND_DISK());
    PipelineModel model;
    try {
      model = new Pipeline().setStages(stages.toArray(PipelineStage[]::new)).fit(training);
    } finally {
      training.unpersist();
    }

    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("algorithm", t.algorithm().configName());
    metadata.put("params", t.params());
    metadata.put("label", t.label());
    metadata.put("positive_label", t.positiveLabel());
    metadata.put("classes", classes);
    metadata.put(
        "features", Map.of("numeric", f.numericInputs(), "categorical", f.categoricalInputs()));
    metadata.put("input_schema", Json.readMap(inputSchema(data.schema(), f, t).json()));
    metadata.put("training_data", input);
    metadata.put(
        "rows",
        Map.of(
            HashSplit.TRAIN, trainRows,
            HashSplit.VALIDATION, perSplit.getOrDefault(HashSplit.VALIDATION, 0L),
            HashSplit.TEST, perSplit.getOrDefault(HashSplit.TEST, 0L)));
    Map<String, Object> split = new LinkedHashMap<>();
    split.put("seed", t.split().seed());
    split.put("train", t.split().train());
    split.put("validation", t.split().validation());
    split.put("test", t.split().test());
    split.put("key", t.split().key());
    metadata.put("split", split);
    metadata.put("threshold", 0.5);
    metadata.put("spark_version", run.spark().version());
    metadata.put("lakeml_version", Version.LAKEML);
    metadata.put("created_at", Instant.now().toString());
    metadata.put("run_id", run.runId());

    ModelRegistry.Version version =
        new ModelRegistry(run.lake(), run.files()).register(t.modelName(), model, metadata);
    step.input(input, perSplit.values().stream().mapToLong(Long::longValue).sum());
    step.output(version.path(), null);
    step.count("model", t.modelName() + " v" + version.version());
    step.count("rows_train", trainRows);
    step.count("rows_test", perSplit.getOrDefault(HashSplit.TEST, 0L));
    return version;
  }

  /** The columns scoring must supply: every feature input (the label is not needed). */
  static StructType inputSchema(StructType schema, FeatureConfig f, TrainConfig t) {
    StructType out = new StructType();
    for (String c : f.inputColumns()) {
      out = out.add(schema.apply(c));
    }
    return out;
  }

  static void checkColumns(StructType schema, FeatureConfig f, TrainConfig t) {
    List<String> present = List.of(schema.fieldNames());
    List<String> needed = new ArrayList<>(f.inputColumns());
    needed.add(t.label());
    needed.addAll(t.split().key());
    List<String> missing = needed.stream().filter(c -> !present.contains(c)).toList();
    if (!missing.isEmpty()) {
      throw new DataQualityException(
          "training data lacks columns " + missing + "; it has " + present);
    }
  }

  /** {@code train.input}, else the run date's curated partition. */
  public static String input(LakemlConfig config, LocalDate runDate) {
    return config
        .requireTrain()
        .input()
        .map(Lake::resolve)
        .orElse(config.lake().partition(Lake.Zone.CURATED, config.dataset(), runDate));
  }
}
