package io.lakeml.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeml.config.ConfigException;
import io.lakeml.config.ConfigLoader;
import io.lakeml.run.Step;
import io.lakeml.testing.TestConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class LakemlConfigTest {
  private static final Path FRAUD = TestConfigs.pipeline("fraud.conf");

  @Test
  void shippedFraudPipelineIsValid() {
    LakemlConfig c = TestConfigs.load(FRAUD);
    assertThat(c.dataset()).isEqualTo("insurance_claims");
    assertThat(c.steps())
        .containsExactly(Step.INGEST, Step.TRAIN, Step.EVALUATE, Step.PROMOTE, Step.SCORE);
    assertThat(c.requireIngest().schema()).hasSize(19);
    assertThat(c.requireFeatures().numericInputs()).doesNotContain("umbrella_limit");
    assertThat(c.requireTrain().params()).containsEntry("max-iter", 100);
    assertThat(c.modelName()).isEqualTo("fraud_lr");
    assertThat(c.lake().root()).startsWith("file:/").endsWith("/lake");
  }

  @Test
  void executorsGetOneNativeBlasThreadEach() {
    // Spark already runs a task per core; BLAS threads on top of that oversubscribe them.
    assertThat(TestConfigs.load(FRAUD).spark().conf())
        .containsEntry("spark.executorEnv.OPENBLAS_NUM_THREADS", "1")
        .containsEntry("spark.executorEnv.MKL_NUM_THREADS", "1");
  }

  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {
        "fraud.conf",
        "fraud-gbt.conf",
        "fraud-xgb.conf",
        "fraud-rf.conf",
        "segmentation.conf",
        "digits.conf",
        "penguins-mass.conf",
        "penguins-species.conf"
      })
  void everyShippedPipelineIsValid(String file) throws Exception {
    LakemlConfig c = TestConfigs.load(TestConfigs.pipeline(file));
    assertThat(c.steps()).contains(Step.INGEST, Step.TRAIN, Step.EVALUATE, Step.SCORE);
    assertThat(c.requireFeatures().featureColumns()).isNotEmpty();
    // The lists here are every pipeline shipped: a new one must be added (and run by tests).
    try (var files = java.nio.file.Files.list(TestConfigs.pipeline(file).getParent())) {
      assertThat(files.filter(f -> f.toString().endsWith(".conf")).count()).isEqualTo(10);
    }
  }

  @Test
  void theScheduledPipelinesShareOneModel() throws Exception {
    LakemlConfig daily = TestConfigs.load(TestConfigs.pipeline("fraud-daily-scoring.conf"));
    LakemlConfig weekly = TestConfigs.load(TestConfigs.pipeline("fraud-weekly-training.conf"));
    assertThat(daily.steps()).containsExactly(Step.INGEST, Step.SCORE, Step.DRIFT);
    assertThat(weekly.steps()).containsExactly(Step.TRAIN, Step.EVALUATE, Step.PROMOTE);
    assertThat(daily.modelName()).isEqualTo(weekly.modelName()).isEqualTo("fraud_weekly");
    assertThat(daily.score().modelVersion()).isEqualTo("champion");
    assertThat(daily.requireIngest().source().path()).isEmpty();
    assertThat(weekly.requireTrain().inputDays()).isEqualTo(7);
    assertThat(daily.generate().daily()).isTrue();
    assertThat(daily.generate().shiftOn(java.time.LocalDate.parse("2026-11-04")))
        .isEqualTo(io.lakeml.generate.Shift.NONE);
    assertThat(daily.generate().shiftOn(java.time.LocalDate.parse("2026-11-05")).claimScale())
        .isEqualTo(1.5);
  }

  /** One case per required key or checked value: the message names key, value and expectation. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "dataset=                       | dataset: expected a non-empty string, got: ''",
        "dataset=a/b                    | dataset: expected a name of letters, digits, '.', '_' or '-', got: 'a/b'",
        "lake.root=                     | lake.root: expected a non-empty string, got: ''",
        "lake.root=s3a:///nobucket      | lake.root: expected a URI with a bucket, such as s3a://bucket/prefix, got: 's3a:///nobucket'",
        "train.model-name=              | train.model-name: expected a non-empty string, got: ''",
        "train.algorithm=svm            | train.algorithm: expected one of logistic-regression, decision-tree-classifier, random-forest-classifier, gbt-classifier, linear-regression, decision-tree-regressor, random-forest-regressor, gbt-regressor, xgboost-classifier, xgboost-regressor, k-means, pca, got: 'svm'",
        "train.label=                   | train.label: expected the label column (logistic-regression learns one), got: ''",
        "train.positive-label=          | train.positive-label: expected a non-empty string, got: ''",
        "train.label=nope               | train.label: expected a column declared in ingest.schema",
        "train.params.max-iter=0        | train.params.max-iter: expected a whole number in [1, 100000], got: '0'",
        "train.params.max-iter=many     | train.params.max-iter: expected a whole number in [1, 100000], got: 'many'",
        "train.params.reg-param=-1      | train.params.reg-param: expected a number in [0, 1000000], got: '-1'",
        "train.params.elastic-net-param=2 | train.params.elastic-net-param: expected a number in [0, 1], got: '2'",
        "train.params.maxiter=5         | train.params.maxiter: unknown key (did you mean 'train.params.max-iter'?)",
        "train.split.train=0.9          | train.split.test: expected train + validation + test = 1",
        "train.split.seed=x             | train.split.seed: expected a whole number, got: 'x'",
        "train.split.key=[nope]         | train.split.key: expected a column declared in ingest.schema",
        "features.categorical=[nope]    | features.categorical: expected a column declared in ingest.schema",
        "features.bin=[{column=policy_state, quantiles=4}] | features.bin: expected a numeric feature",
        "features.impute=mode-of-all    | features.impute: expected one of mean, median, mode, constant, got: 'mode-of-all'",
        "features.scale=log             | features.scale: expected one of none, standard, min-max, robust, got: 'log'",
        "ingest.schema=[]               | ingest.schema: expected at least one column",
        "drift.psi-warn=0.5             | drift.psi-warn: expected at most drift.psi-alert (0.25), got: '0.5'",
        "drift.ks-alert=2               | drift.ks-alert: expected a number in [0, 1], got: '2'",
        "score.on-type-mismatch=guess   | score.on-type-mismatch: expected one of error, cast, got: 'guess'",
        "train.input-days=0             | train.input-days: expected a whole number in [1, 3660], got: '0'",
        "generate.shift.from=monday     | generate.shift.from: expected a date as YYYY-MM-DD, got: 'monday'",
        "ingest.source.format=xml       | ingest.source.format: expected one of csv, json, parquet, got: 'xml'",
        "ingest.deduplicate=fuzzy       | ingest.deduplicate: expected one of none, exact, got: 'fuzzy'",
        "evaluate.threshold=1.5         | evaluate.threshold: expected a number in [0, 1], got: '1.5'",
        "score.id-columns=[nope]        | score.id-columns: expected a column declared in ingest.schema",
        "pipeline.steps=[ingest, deploy] | pipeline.steps: expected one of generate, ingest, train, evaluate, promote, score, drift, maintain, got: 'deploy'",
        "generate.rows=0                | generate.rows: expected a whole number in [1, 2000000000], got: '0'",
        "generate.dirty-fraction=0.9    | generate.dirty-fraction: expected a number in [0, 0.5], got: '0.9'",
        "generate.format=avro           | generate.format: expected one of csv, json, parquet, got: 'avro'",
        "spark.conf={foo=1}             | spark.conf.foo: expected a Spark property named spark.*, got: '1'",
        "trian.label=x                  | trian: unknown key",
      })
  void badValueNamesKeyValueAndExpectation(String set, String message) {
    assertThatThrownBy(() -> TestConfigs.load(FRAUD, set.strip()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(message.strip());
  }

  @Test
  void columnSpecRejectsBoundsOnText() {
    assertThatThrownBy(
            () -> TestConfigs.load(FRAUD, "ingest.schema=[{name = a, type = string, min = 1}]"))
        .hasMessageContaining(
            "ingest.schema[0].type: expected a numeric type when min or max is set, got: 'string'");
  }

  @Test
  void aJobNamesTheSectionItNeeds() {
    LakemlConfig c = TestConfigs.load(null);
    assertThatThrownBy(c::requireTrain)
        .isInstanceOf(ConfigException.class)
        .hasMessage("train: this job needs a 'train' section, got: none");
  }

  /** Every environment layer shipped in conf/env, found on disk so a new one is covered too. */
  static List<String> shippedEnvironments() throws Exception {
    try (var files = Files.list(TestConfigs.projectRoot().resolve("conf/env"))) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(n -> n.endsWith(".conf"))
          .map(n -> n.substring(0, n.length() - ".conf".length()))
          .sorted()
          .toList();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shippedEnvironments")
  void everyShippedEnvironmentLoadsInFullWithEveryShippedPipeline(String env) throws Exception {
    List<Path> pipelines;
    try (var files = Files.list(TestConfigs.projectRoot().resolve("conf/pipelines"))) {
      pipelines = files.filter(f -> f.toString().endsWith(".conf")).sorted().toList();
    }
    // On EMR the cluster's environment gives the lake's KMS key (LAKEML_KMS_KEY_ARN).
    List<String> sets = env.equals("emr") ? List.of(KMS_KEY) : List.of();
    for (Path pipeline : pipelines) {
      LakemlConfig c =
          LakemlConfig.from(
              ConfigLoader.load(
                  new ConfigLoader.Request(
                      Optional.of(pipeline.toString()), env, Optional.empty(), sets)));
      assertThat(c.env()).as(pipeline.toString()).isEqualTo(env);
      Map<String, String> spark = c.spark().conf();
      switch (env) {
        case "local" -> {
          assertThat(c.lake().root()).startsWith("file:/").endsWith("/lake");
          assertThat(c.spark().master()).contains("local[*]");
          assertThat(spark).doesNotContainKey("spark.hadoop.fs.s3a.committer.name");
        }
        case "local-s3" -> {
          assertThat(c.lake().root()).isEqualTo("s3a://lakeml/lake");
          assertThat(spark)
              .containsEntry("spark.hadoop.fs.s3a.path.style.access", "true")
              .containsEntry("spark.hadoop.fs.s3a.committer.name", "magic")
              .containsKey("spark.hadoop.fs.s3a.endpoint");
        }
        case "emr" -> {
          assertThat(c.lake().root()).startsWith("s3a://");
          assertThat(c.spark().master()).as("spark-submit on EMR sets the master").isEmpty();
          assertThat(spark)
              .containsEntry("spark.hadoop.fs.s3a.server-side-encryption-algorithm", "SSE-KMS")
              .containsEntry("spark.hadoop.fs.s3a.committer.name", "magic")
              .containsEntry(
                  "spark.hadoop.fs.s3a.aws.credentials.provider",
                  "com.amazonaws.auth.DefaultAWSCredentialsProviderChain");
        }
        default ->
            throw new AssertionError(
                "a new environment layer conf/env/" + env + ".conf: say here what it delivers");
      }
      // Every environment keeps one native BLAS thread per task.
      assertThat(spark).containsEntry("spark.executorEnv.OPENBLAS_NUM_THREADS", "1");
    }
  }

  static final String KMS_KEY =
      "spark.conf.\"spark.hadoop.fs.s3a.server-side-encryption.key\"="
          + "\"arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab\"";

  @Test
  void theEmrEnvironmentWithoutAKmsKeyFailsBeforeSparkNamingTheKey() {
    Path fraud = TestConfigs.pipeline("fraud.conf");
    assertThatThrownBy(
            () ->
                LakemlConfig.from(
                    ConfigLoader.load(
                        new ConfigLoader.Request(
                            Optional.of(fraud.toString()), "emr", Optional.empty(), List.of()))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("spark.hadoop.fs.s3a.server-side-encryption.key")
        .hasMessageContaining("LAKEML_KMS_KEY_ARN");
  }
}
