package io.lakeml.model;

import io.lakeml.io.Json;
import io.lakeml.lake.Lake;
import io.lakeml.ml.JsonFields;
import io.lakeml.ml.Metrics;
import io.lakeml.ml.Split;
import io.lakeml.ml.SplitConfig;
import io.lakeml.ml.Task;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;

/**
 * Everything a registered model says about itself, as {@code metadata.json} holds it: its identity,
 * the algorithm and parameters, the question it answers, the rows it learned from, its features and
 * input schema, how classes were balanced and parameters searched, its decision threshold, its
 * metrics, where and when it was built, its drift baseline and the last promotion decision.
 *
 * <p>Written by {@code train}; {@code evaluate} replaces the threshold and test metrics, {@code
 * promote} the promotion. {@link #parse} reads files written by every earlier lakeml version.
 *
 * @param version 0 until the registry assigns one
 * @param params the hyperparameters by their config names
 * @param inputSchema the columns scoring must supply, with their training types
 * @param modelFiles the SHA-256 of every file of the saved model, by its path under the version's
 *     folder: what loading checks before it runs any stage (empty for models saved before)
 */
public record ModelMetadata(
    String name,
    int version,
    String algorithm,
    Map<String, Object> params,
    ModelQuestion question,
    TrainingData trainingData,
    FeatureSummary features,
    StructType inputSchema,
    Rows rows,
    Optional<ClassBalanceSummary> classBalance,
    Optional<SearchSummary> search,
    Optional<DecisionThreshold> threshold,
    Optional<Metrics> validationMetrics,
    Metrics testMetrics,
    Versions versions,
    String createdAt,
    String runId,
    Optional<BaselineRef> baseline,
    Optional<Promotion> promotion,
    Map<String, String> modelFiles) {
  public ModelMetadata {
    params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
    modelFiles = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(modelFiles));
  }

  /** Rows per split at training time. */
  public record Rows(long train, long validation, long test) {
    public long of(Split split) {
      return switch (split) {
        case TRAIN -> train;
        case VALIDATION -> validation;
        case TEST -> test;
      };
    }
  }

  /** The Spark and lakeml versions that built the model. */
  public record Versions(String spark, String lakeml) {}

  /** The drift baseline saved beside the model: its file, the split it profiles, its rows. */
  public record BaselineRef(String file, Split split, long rows) {}

  public Task task() {
    return question.task();
  }

  /** The threshold scoring decides with: the chosen one, else the neutral 0.5. */
  public double decisionThreshold() {
    return threshold.map(DecisionThreshold::value).orElse(DecisionThreshold.NEUTRAL.value());
  }

  /** The rows of one split of the training data, label encoded, recomputed exactly. */
  public Dataset<Row> splitRows(SparkSession spark, Lake lake, Split split) {
    return trainingData.rows(spark, lake, question, split);
  }

  /** The same model with the version the registry assigned. */
  public ModelMetadata withVersion(int v) {
    Copy c = new Copy(this);
    c.version = v;
    return c.build();
  }

  /** What evaluation decided: the threshold (binary models) and the test metrics at it. */
  public ModelMetadata withEvaluation(Optional<DecisionThreshold> t, Metrics test) {
    Copy c = new Copy(this);
    c.threshold = t.or(() -> threshold);
    c.testMetrics = test;
    return c.build();
  }

  /** The same model with the drift baseline saved beside it. */
  public ModelMetadata withBaseline(BaselineRef b) {
    Copy c = new Copy(this);
    c.baseline = Optional.of(b);
    return c.build();
  }

  /** The same model with the digests of its saved files. */
  public ModelMetadata withModelFiles(Map<String, String> digests) {
    Copy c = new Copy(this);
    c.modelFiles = digests;
    return c.build();
  }

  /** The same model with the last promotion decision about it. */
  public ModelMetadata withPromotion(Promotion p) {
    Copy c = new Copy(this);
    c.promotion = Optional.of(p);
    return c.build();
  }

  /** The one place the record is rebuilt field by field: each {@code with} changes a few. */
  private static final class Copy {
    private final ModelMetadata m;
    private int version;
    private Optional<DecisionThreshold> threshold;
    private Metrics testMetrics;
    private Optional<BaselineRef> baseline;
    private Optional<Promotion> promotion;
    private Map<String, String> modelFiles;

    Copy(ModelMetadata m) {
      this.m = m;
      this.version = m.version;
      this.threshold = m.threshold;
      this.testMetrics = m.testMetrics;
      this.baseline = m.baseline;
      this.promotion = m.promotion;
      this.modelFiles = m.modelFiles;
    }

    ModelMetadata build() {
      return new ModelMetadata(
          m.name,
          version,
          m.algorithm,
          m.params,
          m.question,
          m.trainingData,
          m.features,
          m.inputSchema,
          m.rows,
          m.classBalance,
          m.search,
          threshold,
          m.validationMetrics,
          testMetrics,
          m.versions,
          m.createdAt,
          m.runId,
          baseline,
          promotion,
          modelFiles);
    }
  }

  /** The JSON form, keys in the order lakeml has always written them. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("version", version);
    m.put("algorithm", algorithm);
    m.put("params", params);
    putQuestionAndData(m);
    m.put("features", features.toMap());
    m.put("input_schema", Json.readMap(inputSchema.json()));
    Map<String, Object> r = new LinkedHashMap<>();
    r.put(Split.TRAIN.configName(), rows.train());
    r.put(Split.VALIDATION.configName(), rows.validation());
    r.put(Split.TEST.configName(), rows.test());
    m.put("rows", r);
    classBalance.ifPresent(b -> m.put("class_balance", b.toMap()));
    search.ifPresent(s -> m.put("search", s.toMap()));
    threshold.ifPresent(t -> m.put("threshold", t.value()));
    validationMetrics.ifPresent(v -> m.put("validation_metrics", v.toMap()));
    m.put("test_metrics", testMetrics.toMap());
    m.put("spark_version", versions.spark());
    m.put("lakeml_version", versions.lakeml());
    m.put("created_at", createdAt);
    m.put("run_id", runId);
    baseline.ifPresent(b -> m.put("baseline", baselineMap(b)));
    threshold.flatMap(DecisionThreshold::policyMap).ifPresent(p -> m.put("threshold_policy", p));
    promotion.ifPresent(p -> m.put("promotion", p.toMap(true)));
    if (!modelFiles.isEmpty()) {
      m.put("model_files", modelFiles);
    }
    return m;
  }

  public String toJson() {
    return Json.write(toMap());
  }

  private void putQuestionAndData(Map<String, Object> m) {
    m.put("task", question.task().displayName());
    question.label().ifPresent(l -> m.put("label", l));
    if (question.task().isClassification()) {
      m.put("classes", question.classes());
    }
    m.put("training_data", trainingData.toJson());
    SplitConfig split = trainingData.split();
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("seed", split.seed());
    s.put("train", split.train());
    s.put("validation", split.validation());
    s.put("test", split.test());
    s.put("key", split.key());
    s.put("stratify", split.stratify());
    m.put("split", s);
    question.positiveClass().ifPresent(p -> m.put("positive_label", p));
  }

  private static Map<String, Object> baselineMap(BaselineRef b) {
    return JsonFields.object(
        "file", b.file(),
        "split", b.split().configName(),
        "rows", b.rows());
  }

  /** Reads a {@code metadata.json}; {@code file} names it in errors. */
  public static ModelMetadata parse(String json, String file) {
    return fromMap(JsonFields.of(Json.readMap(json), file));
  }

  static ModelMetadata fromMap(JsonFields m) {
    // Models registered before tasks existed were all binary classifiers.
    Task task = m.optionalString("task").map(Task::byDisplayName).orElse(Task.BINARY);
    ModelQuestion question =
        new ModelQuestion(task, m.optionalString("label"), m.strings("classes"));
    Optional<JsonFields> policy = m.optionalObject("threshold_policy");
    return new ModelMetadata(
        m.string("name"),
        m.intValue("version"),
        m.string("algorithm"),
        m.optionalObject("params").map(JsonFields::asMap).orElse(Map.of()),
        question,
        TrainingData.fromJson(m, split(m.object("split"))),
        FeatureSummary.fromMap(m.object("features")),
        (StructType) DataType.fromJson(Json.write(m.object("input_schema").asMap())),
        rows(m.object("rows")),
        m.optionalObject("class_balance").map(ClassBalanceSummary::fromMap),
        m.optionalObject("search").map(SearchSummary::fromMap),
        m.optionalNumber("threshold").isPresent()
            ? Optional.of(DecisionThreshold.fromMetadata(m.number("threshold"), policy))
            : Optional.empty(),
        m.optionalObject("validation_metrics").map(v -> Metrics.fromMap(task, v)),
        Metrics.fromMap(task, m.object("test_metrics")),
        new Versions(
            m.optionalString("spark_version").orElse(""),
            m.optionalString("lakeml_version").orElse("")),
        m.optionalString("created_at").orElse(""),
        m.optionalString("run_id").orElse(""),
        m.optionalObject("baseline")
            .map(
                b ->
                    new BaselineRef(
                        b.string("file"), Split.byName(b.string("split")), b.longValue("rows"))),
        m.optionalObject("promotion").flatMap(p -> Promotion.fromMap(p, false)),
        m.stringMap("model_files"));
  }

  private static SplitConfig split(JsonFields s) {
    return new SplitConfig(
        s.number("train"),
        s.number("validation"),
        s.number("test"),
        s.longValue("seed"),
        s.strings("key"),
        s.bool("stratify", false));
  }

  private static Rows rows(JsonFields r) {
    return new Rows(
        r.longValue(Split.TRAIN.configName()),
        r.has(Split.VALIDATION.configName()) ? r.longValue(Split.VALIDATION.configName()) : 0,
        r.longValue(Split.TEST.configName()));
  }
}
