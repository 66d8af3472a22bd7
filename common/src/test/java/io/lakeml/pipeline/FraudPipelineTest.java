package io.lakeml.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeml.io.Json;
import io.lakeml.io.LakeFiles;
import io.lakeml.lake.Lake;
import io.lakeml.ml.DataQualityException;
import io.lakeml.ml.Metrics;
import io.lakeml.ml.Task;
import io.lakeml.model.ModelMetadata;
import io.lakeml.model.ModelQuestion;
import io.lakeml.model.ModelRegistry;
import io.lakeml.run.RunManifest;
import io.lakeml.run.StepRecord;
import io.lakeml.testing.SparkTestSession;
import io.lakeml.testing.TestConfigs;
import io.lakeml.testing.TestRuns;
import io.lakeml.testing.TestTables;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The shipped fraud pipeline, end to end in the shared session, on generated raw data. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FraudPipelineTest {
  @TempDir static Path dir;
  private LakemlConfig config;
  private RunManifest manifest;
  private final TestRuns runs = new TestRuns();

  @BeforeAll
  void runPipeline() {
    // Raw data in the raw zone (no ingest.source.path): what a daily landing looks like.
    String[] sets = {
      "generate.rows=3000",
      "generate.dirty-fraction=0.05",
      "generate.seed=5",
      "ingest.source.path=",
      "pipeline.steps=[generate, ingest, train, evaluate, score]",
      // No promotion in this run: score with the version it trained.
      "score.model-version=latest"
    };
    config = TestConfigs.fraud(dir.resolve("lake"), sets);
    manifest = runs.run(new PipelineJob(), config);
  }

  private StepRecord step(String name) {
    return manifest.steps().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void everyStepSucceedsAndTheRowsAddUp() {
    assertThat(manifest.status()).isEqualTo(RunManifest.Status.SUCCEEDED);
    assertThat(manifest.steps())
        .extracting(StepRecord::name)
        .containsExactly("generate", "ingest", "train", "evaluate", "score");
    Map<String, Object> ingest = step("ingest").counts();
    long read = (Long) ingest.get("rows_read");
    assertThat(read).isEqualTo(3000);
    assertThat(
            (Long) ingest.get("rows_accepted")
                + (Long) ingest.get("rows_quarantined")
                + (Long) ingest.get("duplicates_dropped"))
        .isEqualTo(read);
    Map<String, Object> generated = step("generate").counts();
    assertThat(ingest.get("duplicates_dropped")).isEqualTo(generated.get("rows_duplicate"));
    assertThat(ingest.get("rows_quarantined"))
        .isEqualTo(
            (Long) generated.get("rows_bad_type")
                + (Long) generated.get("rows_missing_required")
                + (Long) generated.get("rows_out_of_range"));
  }

  @Test
  void theModelLearnsThePlantedSignal() {
    Map<String, Object> metrics = step("evaluate").counts();
    assertThat((Double) metrics.get("roc_auc")).isGreaterThan(0.70);
    assertThat(runs.console()).contains("ROC AUC").contains("predicted +");
  }

  @Test
  void theModelIsRegisteredWithItsMetadataAndTestMetrics() {
    ModelRegistry registry = new ModelRegistry(config.lake(), LakeFiles.of(SparkTestSession.get()));
    ModelRegistry.Version v = registry.resolve("fraud_lr", ModelRegistry.LATEST);
    assertThat(v.version()).isEqualTo(1);
    ModelMetadata m = v.metadata();
    assertThat(m.algorithm()).isEqualTo("logistic-regression");
    assertThat(m.question())
        .isEqualTo(
            new ModelQuestion(Task.BINARY, Optional.of("fraud_reported"), List.of("N", "Y")));
    assertThat(m.params()).containsKey("reg-param");
    assertThat(m.features().numeric()).contains("age");
    assertThat(m.inputSchema().fieldNames()).contains("age", "auto_make");
    assertThat(m.rows().test()).isEqualTo(((Metrics.Binary) m.testMetrics()).rows());
    assertThat(m.versions().spark()).isEqualTo(SparkTestSession.get().version());
    assertThat(m.createdAt()).isNotBlank();
    assertThat(m.runId()).isEqualTo(manifest.runId());
    assertThat(m.threshold()).isPresent();
    assertThat(Json.readMap(registry.resolve("fraud_lr", "1").metadata().toJson()))
        .containsKeys("params", "features", "input_schema", "split", "rows", "test_metrics");
    String metrics =
        LakeFiles.of(SparkTestSession.get())
            .readString(config.lake().report("fraud_lr", "1") + "/metrics.json");
    assertThat(Json.readMap(metrics)).containsKeys("metrics", "test_data");
  }

  @Test
  void scoringWritesOneRowPerInputRowWithTheModelVersion() {
    Dataset<Row> predictions =
        TestTables.day(config.lake(), Lake.Zone.PREDICTIONS, "fraud_lr", TestRuns.DAY);
    assertThat(predictions.columns())
        .containsExactly(
            "policy_number",
            "prediction",
            "probability",
            "threshold",
            "model_name",
            "model_version");
    assertThat(predictions.count()).isEqualTo(step("ingest").counts().get("rows_accepted"));
    assertThat(
            predictions
                .filter("prediction not in ('Y', 'N') or probability < 0 or probability > 1")
                .count())
        .isZero();
    assertThat(predictions.select("model_version").distinct().first().getInt(0)).isEqualTo(1);
  }

  @Test
  void aMissingVersionFailsNamingWhatExists() {
    LakemlConfig pinned = TestConfigs.fraud(dir.resolve("lake"), "score.model-version=9");
    assertThatThrownBy(() -> new TestRuns().run(Jobs.byName("score"), pinned))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("model 'fraud_lr' has no version '9'")
        .hasMessageContaining("committed versions: [1]");
  }

  @Test
  void trainingRefusesADateTheCuratedTableDoesNotHold() {
    LakemlConfig otherDay = TestConfigs.fraud(dir.resolve("lake"));
    assertThatThrownBy(
            () -> new TestRuns().run(Jobs.byName("train"), otherDay, TestRuns.DAY.plusDays(1)))
        .isInstanceOf(DataQualityException.class)
        .hasMessageContaining("curated.insurance_claims holds none of the 1 days up to 2026-11-02")
        .hasMessageContaining("ingest them first");
  }

  @Test
  void generatedRawDataIsDeterministic() {
    LakemlConfig again =
        TestConfigs.fraud(
            dir.resolve("lake2"),
            "generate.rows=3000",
            "generate.dirty-fraction=0.05",
            "generate.seed=5");
    new TestRuns().run(Jobs.byName("generate"), again);
    Dataset<Row> first =
        SparkTestSession.get()
            .read()
            .option("header", true)
            .csv(config.lake().partition(Lake.Zone.RAW, "insurance_claims", TestRuns.DAY));
    Dataset<Row> second =
        SparkTestSession.get()
            .read()
            .option("header", true)
            .csv(again.lake().partition(Lake.Zone.RAW, "insurance_claims", TestRuns.DAY));
    assertThat(first.exceptAll(second).count()).isZero();
    assertThat(second.exceptAll(first).count()).isZero();
  }
}
