package io.lakeml.pipeline;

import io.lakeml.config.ConfigException;
import io.lakeml.config.ConfigLoader;
import io.lakeml.config.Settings;
import io.lakeml.config.SparkSettings;
import io.lakeml.drift.DriftConfig;
import io.lakeml.evaluate.EvaluateConfig;
import io.lakeml.features.DerivedColumn;
import io.lakeml.features.FeatureConfig;
import io.lakeml.generate.GenerateConfig;
import io.lakeml.ingest.IngestConfig;
import io.lakeml.lake.Lake;
import io.lakeml.maintain.MaintainConfig;
import io.lakeml.promote.PromoteConfig;
import io.lakeml.quality.QualityCheck;
import io.lakeml.quality.QualityConfig;
import io.lakeml.run.Step;
import io.lakeml.score.ScoreConfig;
import io.lakeml.train.TrainConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The whole validated configuration of a run, immutable: the one type that knows every stage's
 * section, so it sits at the top of the layers. Sections a pipeline file does not declare are
 * absent; a job asks for the ones it needs with {@link #require}, which names the missing section.
 * Cross-section checks (a feature column that the ingest schema does not declare, say) run here, so
 * every problem is found before Spark starts.
 */
public record LakemlConfig(
    String env,
    Lake lake,
    String dataset,
    SparkSettings spark,
    GenerateConfig generate,
    Optional<IngestConfig> ingest,
    Optional<FeatureConfig> features,
    Optional<TrainConfig> train,
    QualityConfig quality,
    EvaluateConfig evaluate,
    PromoteConfig promote,
    ScoreConfig score,
    DriftConfig drift,
    MaintainConfig maintain,
    List<Step> steps,
    java.time.Duration runDateLag,
    ConfigLoader.Loaded loaded) {
  public LakemlConfig {
    steps = List.copyOf(steps);
  }

  public static LakemlConfig from(ConfigLoader.Loaded loaded) {
    return from(Settings.root(loaded.config()), loaded);
  }

  /**
   * The keys a configuration's sections know, read by validating it in full: what the configuration
   * reference (docs/configuration.md) is checked against.
   */
  public static java.util.Set<String> declaredKeys(ConfigLoader.Loaded loaded) {
    Settings root = Settings.root(loaded.config());
    from(root, loaded);
    return root.declaredKeys();
  }

  private static LakemlConfig from(Settings root, ConfigLoader.Loaded loaded) {
    root.allowOnly(
        "env",
        "lake",
        "dataset",
        "spark",
        "generate",
        "ingest",
        "features",
        "train",
        "evaluate",
        "promote",
        "score",
        "drift",
        "maintain",
        "redaction",
        "pipeline",
        "quality");
    LakemlConfig config =
        new LakemlConfig(
            root.string("env"),
            Lake.from(root.section("lake")),
            dataset(root),
            SparkSettings.from(root.section("spark"))
                .withDefault("spark.redaction.regex", redaction(root, loaded)),
            GenerateConfig.from(root.section("generate")),
            optional(root, "ingest", IngestConfig::from),
            optional(root, "features", FeatureConfig::from),
            optional(root, "train", TrainConfig::from),
            QualityConfig.from(root.section("quality")),
            EvaluateConfig.from(root.section("evaluate")),
            PromoteConfig.from(root.section("promote")),
            ScoreConfig.from(root.section("score")),
            DriftConfig.from(root.section("drift")),
            MaintainConfig.from(root.section("maintain")),
            steps(root.section("pipeline")),
            root.section("pipeline")
                .duration("run-date-lag", java.time.Duration.ZERO, java.time.Duration.ofDays(1)),
            loaded);
    config.checkEncryptionKey();
    config.checkColumnsAgainstSchema();
    config.checkLabelAgainstFeatures();
    return config;
  }

  /** {@code redaction { pattern }}: which keys hold secrets, also Spark's redaction regex. */
  private static String redaction(Settings root, ConfigLoader.Loaded loaded) {
    root.section("redaction").allowOnly("pattern");
    return loaded.redaction().pattern();
  }

  private static String dataset(Settings root) {
    String dataset = root.string("dataset");
    if (!dataset.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
      throw ConfigException.invalid(
          "dataset", dataset, "a name of letters, digits, '.', '_' or '-'");
    }
    return dataset;
  }

  private static <T> Optional<T> optional(
      Settings root, String section, Function<Settings, T> read) {
    return root.has(section) ? Optional.of(read.apply(root.section(section))) : Optional.empty();
  }

  /** {@code pipeline.steps}: step names, each one of {@link Step}. */
  private static List<Step> steps(Settings pipeline) {
    pipeline.allowOnly("steps", "run-date-lag");
    List<Step> steps = new ArrayList<>();
    for (String name : pipeline.stringList("steps")) {
      steps.add(
          Step.byName(name)
              .orElseThrow(
                  () ->
                      ConfigException.invalid(
                          "pipeline.steps", name, "one of " + String.join(", ", Step.names()))));
    }
    return steps;
  }

  /**
   * The run date of a scheduled run: the day, in UTC, of the schedule's time minus {@code
   * pipeline.run-date-lag} (1d by default: the schedule at 02:00 on 11-02 processes 11-01). A retry
   * or a late start of that scheduled run carries the same time, so processes the same day.
   */
  public java.time.LocalDate runDateOf(java.time.Instant scheduledTime) {
    return scheduledTime.minus(runDateLag).atZone(java.time.ZoneOffset.UTC).toLocalDate();
  }

  /** A section a job needs; absent, it fails naming the section. */
  public <T> T require(Optional<T> section, String name) {
    return section.orElseThrow(
        () -> new ConfigException(name + ": this job needs a '" + name + "' section, got: none"));
  }

  public IngestConfig requireIngest() {
    return require(ingest, "ingest");
  }

  public FeatureConfig requireFeatures() {
    return require(features, "features");
  }

  public TrainConfig requireTrain() {
    return require(train, "train");
  }

  /** The model that evaluate and score use: {@code score.model}, else {@code train.model-name}. */
  public String modelName() {
    return score
        .model()
        .or(() -> train.map(TrainConfig::modelName))
        .orElseThrow(
            () ->
                new ConfigException(
                    "score.model: expected a model name (or a train.model-name), got: none"));
  }

  /** SSE-KMS asked for and no key named: S3A would fall back to AWS's managed key, silently. */
  private void checkEncryptionKey() {
    String algorithm = spark.conf().get("spark.hadoop.fs.s3a.server-side-encryption-algorithm");
    String key = spark.conf().get("spark.hadoop.fs.s3a.server-side-encryption.key");
    if ("SSE-KMS".equalsIgnoreCase(algorithm) && (key == null || key.isBlank())) {
      throw ConfigException.invalid(
          "spark.conf.\"spark.hadoop.fs.s3a.server-side-encryption.key\"",
          key,
          "the lake's KMS key ARN with SSE-KMS (set LAKEML_KMS_KEY_ARN, or emr/submit.sh"
              + " --kms-key-arn)");
    }
  }

  private void checkColumnsAgainstSchema() {
    if (ingest.isEmpty()) {
      return;
    }
    List<String> declared = ingest.get().columnNames();
    features.ifPresent(
        f -> {
          for (String c : f.numeric()) {
            requireDeclared("features.numeric", c, declared);
          }
          for (String c : f.categorical()) {
            requireDeclared("features.categorical", c, declared);
          }
          for (DerivedColumn d : f.derived()) {
            if (declared.contains(d.name())) {
              throw ConfigException.invalid(
                  "features.derived", d.name(), "a name that is not already a column");
            }
          }
        });
    train.ifPresent(
        t -> {
          t.label().ifPresent(l -> requireDeclared("train.label", l, declared));
          for (String c : t.split().key()) {
            requireDeclared("train.split.key", c, declared);
          }
        });
    for (String c : score.idColumns()) {
      requireDeclared("score.id-columns", c, declared);
    }
    for (QualityCheck check : quality.checks()) {
      check.column().ifPresent(c -> requireDeclared("quality.checks", c, declared));
    }
  }

  /** The label is no feature, and label-based selection needs a label. */
  private void checkLabelAgainstFeatures() {
    if (train.isEmpty() || features.isEmpty()) {
      return;
    }
    TrainConfig t = train.get();
    FeatureConfig f = features.get();
    if (t.label().isPresent() && f.inputColumns().contains(t.label().get())) {
      throw ConfigException.invalid(
          "train.label", t.label().get(), "a column that is not a feature");
    }
    if (f.select().needsLabel() && t.label().isEmpty()) {
      throw ConfigException.invalid(
          "features.select.univariate",
          f.select().univariate().get().test(),
          "a label to test against (" + t.algorithm().configName() + " has none)");
    }
  }

  private static void requireDeclared(String key, String column, List<String> declared) {
    if (!declared.contains(column)) {
      throw ConfigException.invalid(key, column, "a column declared in ingest.schema " + declared);
    }
  }
}
