package io.lakeml.train;

import io.lakeml.config.LakemlConfig;
import io.lakeml.drift.Baseline;
import io.lakeml.evaluate.Evaluation;
import io.lakeml.features.FeatureConfig;
import io.lakeml.features.FeaturePipeline;
import io.lakeml.io.CommittedData;
import io.lakeml.io.Json;
import io.lakeml.job.DataQualityException;
import io.lakeml.job.Job;
import io.lakeml.job.Version;
import io.lakeml.lake.Lake;
import io.lakeml.model.ModelRegistry;
import io.lakeml.model.Predictions;
import io.lakeml.run.RunContext;
import io.lakeml.run.StepRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * {@code train}: splits the curated data, checks it can be learned from, balances classes, runs the
 * hyperparameter search if one is configured, fits the feature stages and the estimator on the
 * training split as one {@link PipelineModel}, scores the validation and test splits, and registers
 * the model as a new version with its metadata.
 */
public final class TrainJob implements Job {
  /** Binary metrics recorded at training time use the neutral threshold; evaluate picks another. */
  static final double DEFAULT_THRESHOLD = 0.5;

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
            "train %s (%s) %s on %s (%s%d numeric, %d categorical features; split %.2f/%.2f/%.2f"
                + " seed %d%s)%s -> %s/<next version>",
            t.algorithm().configName(),
            t.task().displayName(),
            t.params(),
            describeInput(config, runDate),
            t.label().map(l -> "label " + l + "; ").orElse(""),
            f.numericInputs().size(),
            f.categoricalInputs().size(),
            t.split().train(),
            t.split().validation(),
            t.split().test(),
            t.split().seed(),
            t.stratum().isPresent() ? ", stratified" : "",
            t.search()
                .map(
                    s ->
                        String.format(
                            "; %s search of %d candidates by %s",
                            s.method(), s.candidatesToTry().size(), s.metric().configName()))
                .orElse(""),
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
    List<String> inputs = inputs(run, config);
    String input = String.join(",", inputs);
    Dataset<Row> data = CommittedData.parquet(run.spark(), inputs);
    checkColumns(data.schema(), f, t);

    // A stratified split ranks rows within their class; cache it so every read sees one split.
    Dataset<Row> assigned =
        HashSplit.assign(data, t.split(), t.stratum()).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      SplitCounts counts = SplitCounts.of(assigned, t);
      long trainRows = counts.rows(HashSplit.TRAIN);
      if (trainRows < t.minRows()) {
        throw new DataQualityException(
            String.format(
                "only %d training rows in %s; train.min-rows is %d",
                trainRows, input, t.minRows()));
      }
      List<String> classes = counts.classes(t);
      TrainedOn trainedOn = new TrainedOn(inputs, t.split(), t.task(), t.label(), classes);

      Map<String, Object> balance = new LinkedHashMap<>();
      Dataset<Row> training = HashSplit.only(assigned, HashSplit.TRAIN);
      TrainColumns cols = TrainColumns.standard();
      if (t.task().isClassification()) {
        t.balance().checkClasses(classes);
        Map<String, Long> before = counts.perClass(HashSplit.TRAIN);
        Map<String, Double> keep = t.balance().keepFractions(before);
        training =
            t.balance()
                .downsample(training, t.requireLabel(), keep, t.split().key(), t.split().seed());
        Map<String, Long> after =
            keep.values().stream().allMatch(k -> k >= 1.0)
                ? before
                : SplitCounts.perValue(training, t.requireLabel());
        Map<String, Double> weights = t.balance().classWeights(after);
        if (t.balance().weighted()) {
          training = ClassBalance.addWeights(training, t.requireLabel(), weights);
          cols = cols.weighted();
        }
        balance.put("class_weights", t.balance().weights());
        balance.put("weights", weights);
        balance.put("downsample_keep", keep);
        balance.put("train_rows_per_class_before", before);
        balance.put("train_rows_per_class_after", after);
      }
      // The search folds and the final fit read the same rows: down-sampled, weighted, encoded.
      Dataset<Row> fitRows =
          trainedOn.encodeLabel(training).persist(StorageLevel.MEMORY_AND_DISK());
      try {
        FeaturePipeline.checkNotAllNull(fitRows, f);
        TrainColumns estimatorCols = cols;
        Function<Map<String, Object>, Pipeline> pipeline =
            overrides -> pipeline(f, t, t.paramsWith(overrides), estimatorCols);

        Optional<HyperparameterSearch.Result> search =
            t.search()
                .map(
                    s ->
                        HyperparameterSearch.run(
                            s,
                            fitRows,
                            s.validation().equals("split")
                                ? Optional.of(
                                    trainedOn.encodeLabel(
                                        HashSplit.only(assigned, HashSplit.VALIDATION)))
                                : Optional.empty(),
                            t.split(),
                            t.task().isClassification()
                                ? Optional.of(TrainColumns.LABEL)
                                : Optional.empty(),
                            pipeline,
                            (model, rows) -> metrics(trainedOn, model, rows)));
        Map<String, Object> best = search.map(r -> r.bestCandidate().params()).orElse(Map.of());
        Map<String, Object> params = t.paramsWith(best);
        PipelineModel model = pipeline.apply(best).fit(fitRows);

        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("algorithm", t.algorithm().configName());
        metadata.put("params", params);
        metadata.putAll(trainedOn.toMetadata());
        t.positiveLabel().ifPresent(p -> metadata.put("positive_label", p));
        Map<String, Object> features = features(f);
        features.putAll(FeaturePipeline.fitted(model));
        metadata.put("features", features);
        metadata.put("input_schema", Json.readMap(inputSchema(data.schema(), f).json()));
        metadata.put(
            "rows",
            Map.of(
                HashSplit.TRAIN, trainRows,
                HashSplit.VALIDATION, counts.rows(HashSplit.VALIDATION),
                HashSplit.TEST, counts.rows(HashSplit.TEST)));
        if (!balance.isEmpty()) {
          metadata.put("class_balance", balance);
        }
        search.ifPresent(r -> metadata.put("search", r.summary()));
        if (t.task() == Task.BINARY) {
          metadata.put("threshold", DEFAULT_THRESHOLD);
        }
        if (counts.rows(HashSplit.VALIDATION) > 0) {
          metadata.put(
              "validation_metrics",
              metrics(
                  trainedOn,
                  model,
                  trainedOn.encodeLabel(HashSplit.only(assigned, HashSplit.VALIDATION))));
        }
        Map<String, Object> testMetrics =
            metrics(
                trainedOn, model, trainedOn.encodeLabel(HashSplit.only(assigned, HashSplit.TEST)));
        metadata.put("test_metrics", testMetrics);
        metadata.put("spark_version", run.spark().version());
        metadata.put("lakeml_version", Version.LAKEML);
        metadata.put("created_at", Instant.now().toString());
        metadata.put("run_id", run.runId());

        // The drift baseline: the inputs and predictions of the training rows as they came, before
        // any down-sampling, so a batch from the same source compares equal.
        Baseline baseline =
            Baseline.of(
                Predictions.predict(model, HashSplit.only(assigned, HashSplit.TRAIN), metadata),
                inputSchema(data.schema(), f),
                Predictions.monitoredOutput(t.task()));
        metadata.put(
            "baseline",
            Map.of("file", Baseline.FILE, "split", HashSplit.TRAIN, "rows", baseline.rows()));

        Map<String, String> sideFiles = new LinkedHashMap<>();
        sideFiles.put(Baseline.FILE, Json.write(baseline.toMap()));
        search.ifPresent(r -> sideFiles.put("search.csv", r.toCsv()));
        ModelRegistry.Version version =
            new ModelRegistry(run.lake(), run.files())
                .register(t.modelName(), model, metadata, sideFiles);
        step.input(input, counts.total());
        step.output(version.path(), null);
        step.count("model", t.modelName() + " v" + version.version());
        step.count("model_version", version.version());
        step.count("rows_train", trainRows);
        step.count("rows_test", counts.rows(HashSplit.TEST));
        search.ifPresent(r -> step.count("search_candidates", (long) r.candidates().size()));
        run.console()
            .info(
                "%s v%d (%s): test %s",
                t.modelName(),
                version.version(),
                t.algorithm().configName(),
                io.lakeml.evaluate.EvaluateJob.headline(testMetrics));
        return version;
      } finally {
        fitRows.unpersist();
      }
    } finally {
      assigned.unpersist();
    }
  }

  /** The features, then the estimator, as one pipeline. */
  static Pipeline pipeline(
      FeatureConfig f, TrainConfig t, Map<String, Object> params, TrainColumns cols) {
    List<PipelineStage> stages = new ArrayList<>(FeaturePipeline.stages(f));
    stages.add(t.algorithm().estimator(params, cols, t.split().seed()));
    return new Pipeline().setStages(stages.toArray(PipelineStage[]::new));
  }

  /** The task's metrics of a fitted model on some rows, scored once and cached while measured. */
  static Map<String, Object> metrics(TrainedOn on, PipelineModel model, Dataset<Row> rows) {
    Dataset<Row> scored = model.transform(rows).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      return Evaluation.metrics(on.task(), scored, model, on.classes(), DEFAULT_THRESHOLD);
    } finally {
      scored.unpersist();
    }
  }

  private static Map<String, Object> features(FeatureConfig f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("numeric", f.numericInputs());
    m.put("categorical", f.categoricalInputs());
    m.put(
        "derived",
        f.derived().stream().map(d -> Map.of("name", d.name(), "expr", d.expr())).toList());
    m.put("dropped", f.drop());
    m.put("binned", f.bins().stream().map(b -> b.column()).toList());
    m.put(
        "impute", Map.of("numeric", f.impute().numeric(), "categorical", f.impute().categorical()));
    m.put("encode", f.encoding());
    m.put("scale", f.scale());
    m.put("pca", f.pca().isPresent());
    return m;
  }

  /** The columns scoring must supply: every feature input (the label is not needed). */
  static StructType inputSchema(StructType schema, FeatureConfig f) {
    StructType out = new StructType();
    for (String c : f.inputColumns()) {
      out = out.add(schema.apply(c));
    }
    return out;
  }

  static void checkColumns(StructType schema, FeatureConfig f, TrainConfig t) {
    List<String> present = List.of(schema.fieldNames());
    List<String> needed = new ArrayList<>(f.inputColumns());
    t.label().ifPresent(needed::add);
    needed.addAll(t.split().key());
    List<String> missing = needed.stream().filter(c -> !present.contains(c)).distinct().toList();
    if (!missing.isEmpty()) {
      throw new DataQualityException(
          "training data lacks columns " + missing + "; it has " + present);
    }
  }

  /** What {@code --validate} shows as the input. */
  static String describeInput(LakemlConfig config, LocalDate runDate) {
    TrainConfig t = config.requireTrain();
    if (t.input().isPresent()) {
      return Lake.resolve(t.input().get());
    }
    String last = config.lake().partition(Lake.Zone.CURATED, config.dataset(), runDate);
    return t.inputDays() == 1
        ? last
        : String.format("%s (and the %d days before, where committed)", last, t.inputDays() - 1);
  }

  /**
   * {@code train.input}, else the curated partitions of the run date and the {@code input-days - 1}
   * days before it that are committed (a day that was never ingested is skipped and named in the
   * manifest); none committed is a data-quality failure.
   */
  static List<String> inputs(RunContext run, LakemlConfig config) {
    TrainConfig t = config.requireTrain();
    if (t.input().isPresent()) {
      return List.of(Lake.resolve(t.input().get()));
    }
    LocalDate last = run.runDate();
    if (t.inputDays() == 1) {
      return List.of(config.lake().partition(Lake.Zone.CURATED, config.dataset(), last));
    }
    List<String> committed = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (LocalDate d = last.minusDays(t.inputDays() - 1); !d.isAfter(last); d = d.plusDays(1)) {
      String partition = config.lake().partition(Lake.Zone.CURATED, config.dataset(), d);
      (CommittedData.isCommitted(run.files(), partition) ? committed : missing).add(partition);
    }
    if (committed.isEmpty()) {
      throw new DataQualityException(
          String.format(
              "none of the %d days of curated data up to %s is committed: %s",
              t.inputDays(), last, missing));
    }
    if (!missing.isEmpty()) {
      run.console()
          .info(
              "train: %d of %d days not committed, skipped: %s",
              missing.size(), t.inputDays(), missing);
    }
    return committed;
  }
}
