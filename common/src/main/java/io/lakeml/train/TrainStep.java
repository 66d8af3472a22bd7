package io.lakeml.train;

import io.lakeml.baseline.Baseline;
import io.lakeml.evaluation.ScoredRows;
import io.lakeml.explain.Explainer;
import io.lakeml.features.FeatureConfig;
import io.lakeml.features.FeaturePipeline;
import io.lakeml.io.Json;
import io.lakeml.lake.Lake;
import io.lakeml.lake.LakeTables;
import io.lakeml.lake.TableId;
import io.lakeml.ml.DataQualityException;
import io.lakeml.ml.HashSplit;
import io.lakeml.ml.Metrics;
import io.lakeml.ml.ModelColumns;
import io.lakeml.ml.Split;
import io.lakeml.ml.Task;
import io.lakeml.model.ClassBalanceSummary;
import io.lakeml.model.DecisionThreshold;
import io.lakeml.model.ModelMetadata;
import io.lakeml.model.ModelQuestion;
import io.lakeml.model.ModelRegistry;
import io.lakeml.model.Predictions;
import io.lakeml.model.SearchSummary;
import io.lakeml.model.TrainingData;
import io.lakeml.run.RunContext;
import io.lakeml.run.Step;
import io.lakeml.run.StepAction;
import io.lakeml.run.StepRecord;
import io.lakeml.run.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
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
 * the model as a new version with its metadata and drift baseline.
 */
public final class TrainStep implements StepAction<ModelRegistry.Version> {
  private final TrainConfig t;
  private final FeatureConfig f;
  private final Lake lake;
  private final String dataset;

  public TrainStep(TrainConfig t, FeatureConfig f, Lake lake, String dataset) {
    this.t = t;
    this.f = f;
    this.lake = lake;
    this.dataset = dataset;
  }

  @Override
  public Step step() {
    return Step.TRAIN;
  }

  @Override
  public List<String> plan(LocalDate runDate) {
    return List.of(
        String.format(
            "train %s (%s) %s on %s (%s%d numeric, %d categorical features; split %.2f/%.2f/%.2f"
                + " seed %d%s)%s -> %s/<next version>",
            t.algorithm().configName(),
            t.task().displayName(),
            t.params(),
            describeInput(runDate),
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
                            s.method().configName(),
                            s.candidatesToTry().size(),
                            s.metric().configName()))
                .orElse(""),
            lake.table(Lake.Zone.MODELS, t.modelName())));
  }

  /** The split rows, cached, and what the guard rails learned of them. */
  private record Prepared(
      Dataset<Row> assigned,
      SplitCounts counts,
      ModelQuestion question,
      TrainingData data,
      StructType inputSchema) {
    Dataset<Row> split(Split which) {
      return HashSplit.only(assigned, which);
    }

    Dataset<Row> encoded(Split which) {
      return question.encodeLabel(split(which));
    }
  }

  /** The rows the estimator learns from, with the columns it reads and how they were balanced. */
  private record Balanced(
      Dataset<Row> rows, ModelColumns columns, Optional<ClassBalanceSummary> summary) {}

  /** The fitted model, and the search that chose its parameters. */
  private record Fitted(
      PipelineModel model,
      Map<String, Object> params,
      Optional<HyperparameterSearch.Result> search) {}

  /** Trains and registers; returns the new version. */
  @Override
  public ModelRegistry.Version run(RunContext run, StepRecord step) {
    Prepared p = prepare(run);
    try {
      Balanced balanced = balance(p);
      // The search folds and the final fit read the same rows: down-sampled, weighted, encoded.
      Dataset<Row> fitRows =
          p.question().encodeLabel(balanced.rows()).persist(StorageLevel.MEMORY_AND_DISK());
      try {
        FeaturePipeline.checkFeatureValues(fitRows, f);
        Fitted fitted = fit(p, fitRows, balanced.columns());
        ModelMetadata metadata = measure(run, p, balanced, fitted);
        Baseline baseline = baseline(p, fitted.model(), metadata);
        ModelRegistry.Version version = register(run, p, fitted, metadata, baseline);
        report(run, step, p, fitted, version);
        return version;
      } finally {
        fitRows.unpersist();
      }
    } finally {
      p.assigned().unpersist();
    }
  }

  /**
   * Reads the input, assigns every row its split and checks the guard rails: the columns, the
   * minimum training rows, the label's classes.
   */
  private Prepared prepare(RunContext run) {
    TrainingData source = input(run);
    Dataset<Row> data = source.all(run.spark(), lake);
    checkColumns(data.schema());
    // A stratified split ranks rows within their class; cache it so every read sees one split.
    Dataset<Row> assigned =
        HashSplit.assign(data, t.split(), t.stratum()).persist(StorageLevel.MEMORY_AND_DISK());
    SplitCounts counts = SplitCounts.of(assigned, t);
    long trainRows = counts.rows(Split.TRAIN);
    if (trainRows < t.minRows()) {
      assigned.unpersist();
      throw new DataQualityException(
          String.format(
              "only %d training rows in %s; train.min-rows is %d",
              trainRows, source.describe(), t.minRows()));
    }
    ModelQuestion question = new ModelQuestion(t.task(), t.label(), counts.classes(t));
    return new Prepared(assigned, counts, question, source, inputSchema(data.schema()));
  }

  /** Down-sampling, then class weights, of a classifier's training rows. */
  private Balanced balance(Prepared p) {
    Dataset<Row> training = p.split(Split.TRAIN);
    ModelColumns columns = ModelColumns.standard();
    if (!t.task().isClassification()) {
      return new Balanced(training, columns, Optional.empty());
    }
    ClassBalance b = t.balance();
    b.checkClasses(p.question().classes());
    Map<String, Long> before = p.counts().perClass(Split.TRAIN);
    Map<String, Double> keep = b.keepFractions(before);
    training = b.downsample(training, t.requireLabel(), keep, t.split().key(), t.split().seed());
    Map<String, Long> after =
        keep.values().stream().allMatch(k -> k >= 1.0)
            ? before
            : SplitCounts.perValue(training, t.requireLabel());
    Map<String, Double> weights = b.classWeights(after);
    if (b.weighted()) {
      training = ClassBalance.addWeights(training, t.requireLabel(), weights);
      columns = columns.weighted();
    }
    return new Balanced(
        training,
        columns,
        Optional.of(new ClassBalanceSummary(b.weights(), weights, keep, before, after)));
  }

  /** Runs the search if one is configured, then fits the best candidate on all training rows. */
  private Fitted fit(Prepared p, Dataset<Row> fitRows, ModelColumns columns) {
    Map<String, Object> resolved =
        BarrierTraining.resolve(fitRows.sparkSession(), t.algorithm(), t.params());
    Function<Map<String, Object>, Map<String, Object>> params =
        overrides -> {
          Map<String, Object> out = new LinkedHashMap<>(resolved);
          out.putAll(overrides);
          return out;
        };
    Function<Map<String, Object>, Pipeline> pipeline =
        overrides -> pipeline(params.apply(overrides), columns);
    Optional<HyperparameterSearch.Result> search =
        t.search()
            .map(
                s ->
                    HyperparameterSearch.run(
                        s,
                        fitRows,
                        s.validation() == SearchSummary.Validation.SPLIT
                            ? Optional.of(p.encoded(Split.VALIDATION))
                            : Optional.empty(),
                        t.split(),
                        t.task().isClassification()
                            ? Optional.of(ModelColumns.LABEL)
                            : Optional.empty(),
                        pipeline,
                        (model, rows) -> metrics(p.question(), model, rows)));
    Map<String, Object> best = search.map(r -> r.bestCandidate().params()).orElse(Map.of());
    PipelineModel model =
        BarrierTraining.stopsEarly(resolved)
            ? BarrierTraining.fitWithValidation(
                pipeline.apply(best), fitRows, p.encoded(Split.VALIDATION), columns)
            : pipeline.apply(best).fit(fitRows);
    return new Fitted(model, params.apply(best), search);
  }

  /** The model's metadata, with its metrics on the validation and test splits. */
  private ModelMetadata measure(RunContext run, Prepared p, Balanced b, Fitted fitted) {
    ModelMetadata.Rows rows =
        new ModelMetadata.Rows(
            p.counts().rows(Split.TRAIN),
            p.counts().rows(Split.VALIDATION),
            p.counts().rows(Split.TEST));
    Optional<Metrics> validation =
        rows.validation() > 0
            ? Optional.of(metrics(p.question(), fitted.model(), p.encoded(Split.VALIDATION)))
            : Optional.empty();
    Metrics test = metrics(p.question(), fitted.model(), p.encoded(Split.TEST));
    return new ModelMetadata(
        t.modelName(),
        0,
        t.algorithm().configName(),
        fitted.params(),
        p.question(),
        p.data(),
        FeaturePipeline.summary(f, fitted.model()),
        p.inputSchema(),
        rows,
        b.summary(),
        fitted.search().map(HyperparameterSearch.Result::summary),
        t.task() == Task.BINARY ? Optional.of(DecisionThreshold.NEUTRAL) : Optional.empty(),
        validation,
        test,
        new ModelMetadata.Versions(run.spark().version(), Version.LAKEML),
        Instant.now().toString(),
        run.runId(),
        Optional.empty(),
        Optional.empty(),
        Map.of());
  }

  /**
   * The drift baseline: the inputs and predictions of the training rows as they came, before any
   * down-sampling, so a batch from the same source compares equal.
   */
  private Baseline baseline(Prepared p, PipelineModel model, ModelMetadata metadata) {
    return Baseline.of(
        Predictions.predict(model, p.split(Split.TRAIN), metadata),
        p.inputSchema(),
        Predictions.monitoredOutput(t.task()));
  }

  private ModelRegistry.Version register(
      RunContext run, Prepared p, Fitted fitted, ModelMetadata metadata, Baseline baseline) {
    ModelMetadata withBaseline =
        metadata.withBaseline(
            new ModelMetadata.BaselineRef(Baseline.FILE, Split.TRAIN, baseline.rows()));
    Map<String, String> sideFiles = new LinkedHashMap<>();
    sideFiles.put(Baseline.FILE, Json.write(baseline.toMap()));
    fitted.search().ifPresent(r -> sideFiles.put(HyperparameterSearch.TABLE, r.toCsv()));
    if (Explainer.needsCentre(fitted.model())) {
      // A linear model explains a row against the training rows' mean feature vector.
      double[] centre = Explainer.centre(fitted.model(), p.split(Split.TRAIN));
      sideFiles.put(Explainer.CENTRE_FILE, Explainer.centreJson(centre));
    }
    ModelRegistry.Version version =
        new ModelRegistry(run.lake(), run.files())
            .register(fitted.model(), withBaseline, sideFiles);
    // A tag keeps the snapshot the model learned from through snapshot expiry, so its rows can
    // always be read again.
    metadata
        .trainingData()
        .table()
        .ifPresent(
            t -> run.tables().tag(lake.tableIdOf(t.table()), t.snapshotId(), trainingTag(version)));
    return version;
  }

  /** The tag on the training data's snapshot: {@code model_<name>_v<version>}. */
  public static String trainingTag(ModelRegistry.Version version) {
    return "model_" + version.name() + "_v" + version.version();
  }

  private void report(
      RunContext run, StepRecord step, Prepared p, Fitted fitted, ModelRegistry.Version version) {
    p.data()
        .table()
        .ifPresentOrElse(
            t -> step.input(t.table(), p.counts().total(), t.snapshotId()),
            () -> step.input(p.data().describe(), p.counts().total()));
    step.output(version.path(), null);
    step.count("model", t.modelName() + " v" + version.version());
    step.count("model_version", version.version());
    step.count("rows_train", p.counts().rows(Split.TRAIN));
    step.count("rows_test", p.counts().rows(Split.TEST));
    fitted.search().ifPresent(r -> step.count("search_candidates", (long) r.candidates().size()));
    run.console()
        .info(
            "%s v%d (%s): test %s",
            t.modelName(),
            version.version(),
            t.algorithm().configName(),
            version.metadata().testMetrics().headline());
  }

  /** The features, then the estimator, as one pipeline. */
  Pipeline pipeline(Map<String, Object> params, ModelColumns cols) {
    List<PipelineStage> stages = new ArrayList<>(FeaturePipeline.stages(f));
    stages.addAll(t.algorithm().stages(params, cols, t.split().seed()));
    return new Pipeline().setStages(stages.toArray(PipelineStage[]::new));
  }

  /**
   * The task's metrics of a fitted model on some rows, at the neutral threshold: evaluation picks
   * another.
   */
  private static Metrics metrics(ModelQuestion question, PipelineModel model, Dataset<Row> rows) {
    return ScoredRows.measure(
        model, rows, question, DecisionThreshold.NEUTRAL.value(), ScoredRows.DEFAULT_BETA);
  }

  /** The columns scoring must supply: every feature input (the label is not needed). */
  private StructType inputSchema(StructType schema) {
    StructType out = new StructType();
    for (String c : f.inputColumns()) {
      out = out.add(schema.apply(c));
    }
    return out;
  }

  private void checkColumns(StructType schema) {
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
  private String describeInput(LocalDate runDate) {
    if (t.input().isPresent()) {
      return Lake.resolve(t.input().get());
    }
    String table =
        curated().shortName() + t.snapshot().map(s -> "@" + s).orElse("") + " run_date " + runDate;
    return t.inputDays() == 1
        ? table
        : String.format("%s (and the %d days before, where published)", table, t.inputDays() - 1);
  }

  /**
   * {@code train.input}, else the curated table as of its current snapshot, filtered to the run
   * date and the {@code input-days - 1} days before it that it holds (a day never published is
   * skipped and named on the console); none of them is a data-quality failure.
   */
  TrainingData input(RunContext run) {
    if (t.input().isPresent()) {
      return TrainingData.of(List.of(Lake.resolve(t.input().get())), t.split());
    }
    LakeTables tables = run.tables();
    TableId table = curated();
    LocalDate last = run.runDate();
    LocalDate first = last.minusDays(t.inputDays() - 1);
    OptionalLong snapshot =
        t.snapshot().isPresent()
            ? OptionalLong.of(tables.snapshotOf(table, t.snapshot().get()))
            : tables.currentSnapshot(table);
    List<LocalDate> held = snapshot.isPresent() ? tables.days(table, snapshot) : List.of();
    List<LocalDate> days = new ArrayList<>();
    List<LocalDate> missing = new ArrayList<>();
    for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
      (held.contains(d) ? days : missing).add(d);
    }
    if (days.isEmpty()) {
      throw new DataQualityException(
          String.format(
              "%s holds none of the %d days up to %s (%s..%s): ingest them first",
              table.shortName(), t.inputDays(), last, first, last));
    }
    if (!missing.isEmpty()) {
      run.console()
          .info(
              "train: %d of %d days not in %s, skipped: %s",
              missing.size(), t.inputDays(), table.shortName(), missing);
    }
    return TrainingData.of(
        new TrainingData.TableSnapshot(table.toString(), snapshot.getAsLong(), days), t.split());
  }

  private TableId curated() {
    return lake.tableId(Lake.Zone.CURATED, dataset);
  }
}
