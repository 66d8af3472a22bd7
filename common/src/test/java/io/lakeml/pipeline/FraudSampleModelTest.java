package io.lakeml.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lakeml.io.Json;
import io.lakeml.io.LakeFiles;
import io.lakeml.ml.Split;
import io.lakeml.model.ModelMetadata;
import io.lakeml.model.ModelRegistry;
import io.lakeml.model.Promotion;
import io.lakeml.testing.SparkTestSession;
import io.lakeml.testing.TestConfigs;
import io.lakeml.testing.TestRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's fraud model, trained on the shipped sample as the demo trains it.
 *
 * <ul>
 *   <li><b>Golden:</b> its test metrics and confusion matrix are kept in {@code
 *       src/test/resources/golden/fraud_lr.json}, counts compared exactly and rates to 1e-9, so a
 *       change that moves the model is seen and made on purpose. After such a change, run this
 *       class once with {@code LAKEML_GOLDEN_UPDATE=true} in the environment and commit the new
 *       file with the reason.
 *   <li><b>Time travel:</b> a model's rows are the snapshot it read: re-ingesting its day changes
 *       the table, not the model's test set. Evaluation and promotion of the old model score the
 *       same rows to the same metrics, and a retrain from its tagged snapshot learns the same
 *       model.
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FraudSampleModelTest {
  @TempDir static Path dir;

  private static final Path SAMPLE =
      TestConfigs.projectRoot().resolve("data-samples/insurance_claims/insurance_claims.csv");
  private static final Path GOLDEN =
      TestConfigs.projectRoot().resolve("common/src/test/resources/golden/fraud_lr.json");

  private ModelMetadata trained;
  private List<Row> testRows;

  @BeforeAll
  void trainOnTheSample() {
    LakemlConfig first = config("[ingest, train]", SAMPLE);
    new TestRuns().run(new PipelineJob(), first);
    trained = registry(first).resolve("fraud_lr", "1").metadata();
    testRows =
        sorted(trained.splitRows(SparkTestSession.get(), first.lake(), Split.TEST).collectAsList());
  }

  private LakemlConfig config(String steps, Path input, String... sets) {
    List<String> all = new java.util.ArrayList<>();
    all.add("lake.root=" + dir.resolve("lake").toUri());
    all.add("ingest.source.path=" + input.toUri());
    all.add("pipeline.steps=" + steps);
    all.addAll(List.of(sets));
    return TestConfigs.load(TestConfigs.pipeline("fraud.conf"), all.toArray(String[]::new));
  }

  private ModelRegistry registry(LakemlConfig c) {
    return new ModelRegistry(c.lake(), LakeFiles.of(SparkTestSession.get()));
  }

  private static List<Row> sorted(List<Row> rows) {
    return rows.stream().sorted(java.util.Comparator.comparing(Row::toString)).toList();
  }

  @Test
  @SuppressWarnings("unchecked")
  void theDemoModelIsTheGoldenOne() throws Exception {
    Map<String, Object> metrics = Json.readMap(Json.write(trained.testMetrics().toMap()));
    if ("true".equals(System.getenv("LAKEML_GOLDEN_UPDATE"))) {
      Files.writeString(GOLDEN, Json.write(metrics));
    }
    Map<String, Object> golden = Json.readMap(Files.readString(GOLDEN));

    assertThat(metrics.keySet()).isEqualTo(golden.keySet());
    assertThat(metrics.get("rows")).isEqualTo(golden.get("rows"));
    assertThat((Map<String, Object>) metrics.get("confusion_matrix"))
        .isEqualTo(golden.get("confusion_matrix"));
    for (Map.Entry<String, Object> e : golden.entrySet()) {
      if (e.getValue() instanceof Double expected) {
        assertThat(((Number) metrics.get(e.getKey())).doubleValue())
            .as(e.getKey())
            .isCloseTo(expected, within(1e-9));
      }
    }
  }

  @Test
  void reIngestingADayChangesNeitherAnOldModelsTestRowsNorItsMetrics() throws Exception {
    LakemlConfig first = config("[ingest, train]", SAMPLE);
    List<String> lines = Files.readAllLines(SAMPLE);
    // A corrected delivery of the same day: fewer rows, so a different table and test split.
    Path corrected = dir.resolve("corrected.csv");
    Files.write(corrected, lines.subList(0, 601));
    new TestRuns().run(new PipelineJob(), config("[ingest, train, promote]", corrected));
    ModelMetadata retrainedOnNewDay = registry(first).resolve("fraud_lr", "2").metadata();
    assertThat(retrainedOnNewDay.rows().test()).isLessThan(trained.rows().test());

    // The old model: its rows and metrics as at training.
    new TestRuns()
        .run(
            new PipelineJob(),
            config("[evaluate]", corrected, "evaluate.model-version=1", "evaluate.report=false"));
    ModelMetadata evaluated = registry(first).resolve("fraud_lr", "1").metadata();
    assertThat(
            sorted(
                evaluated
                    .splitRows(SparkTestSession.get(), first.lake(), Split.TEST)
                    .collectAsList()))
        .isEqualTo(testRows);
    assertThat(evaluated.testMetrics().rows()).isEqualTo(trained.testMetrics().rows());
    // The same rows in another order sum their AUC in another order: equal to the last bits.
    assertThat(evaluated.testMetrics().values().get("roc_auc"))
        .isCloseTo(trained.testMetrics().values().get("roc_auc"), within(1e-12));

    new TestRuns()
        .run(new PipelineJob(), config("[promote]", corrected, "promote.model-version=1"));
    Promotion promotion =
        registry(first).resolve("fraud_lr", "1").metadata().promotion().orElseThrow();
    assertThat(promotion.candidateScore().getAsDouble())
        .as("scored on its own test rows")
        .isCloseTo(trained.testMetrics().values().get("roc_auc"), within(1e-12));

    // A retrain from the old model's tagged snapshot learns the same model.
    new TestRuns()
        .run(new PipelineJob(), config("[train]", corrected, "train.snapshot=model_fraud_lr_v1"));
    ModelMetadata again = registry(first).resolve("fraud_lr", "3").metadata();
    assertThat(again.trainingData().table().orElseThrow().snapshotId())
        .isEqualTo(trained.trainingData().table().orElseThrow().snapshotId());
    assertThat(again.testMetrics().rows()).isEqualTo(trained.testMetrics().rows());
    trained
        .testMetrics()
        .values()
        .forEach(
            (name, value) ->
                assertThat(again.testMetrics().values().get(name))
                    .as(name)
                    .isCloseTo(value, within(1e-12)));
    assertThat(again.params()).isEqualTo(trained.params());
  }
}
