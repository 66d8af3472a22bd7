package io.lakeml.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeml.lake.Lake;
import io.lakeml.lake.LakeTables;
import io.lakeml.lake.TableId;
import io.lakeml.ml.DataQualityException;
import io.lakeml.model.Alias;
import io.lakeml.model.ModelRegistry;
import io.lakeml.pipeline.Jobs;
import io.lakeml.pipeline.LakemlConfig;
import io.lakeml.run.RunManifest;
import io.lakeml.testing.SparkTestSession;
import io.lakeml.testing.TestRuns;
import io.lakeml.testing.TestTables;
import io.lakeml.train.TrainFixture;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scoring's edge cases against one small binary model: the champion by default, extra columns,
 * unseen and missing categories, an empty batch, a missing column, a column of another type (error
 * or cast), a version that does not exist, and a re-run that replaces rather than appends.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScoreStepTest {
  @TempDir static Path dir;
  private Dataset<Row> fixture;
  private String data;

  @BeforeAll
  void trainAChampion() {
    fixture = TrainFixture.rows(400, 0.3);
    data = TrainFixture.write(fixture, dir.resolve("data"));
    LakemlConfig config = config(data);
    assertThat(new TestRuns().run(Jobs.byName("train"), config).status())
        .isEqualTo(RunManifest.Status.SUCCEEDED);
    TrainFixture.registry(config)
        .setAlias("claims", new Alias(ModelRegistry.CHAMPION, 1, Optional.empty()));
  }

  private LakemlConfig config(String input, String... sets) {
    return TrainFixture.config(
        dir.resolve("lake"),
        data,
        "features { numeric = [x1, x2], categorical = [cat] }\n"
            + "train { model-name = claims, algorithm = logistic-regression, label = label,"
            + " positive-label = Y, split { key = [id] } }\n"
            + "score { input = \""
            + input
            + "\", id-columns = [id] }",
        sets);
  }

  /** Writes a batch as a committed dataset and scores it; returns the predictions. */
  private Dataset<Row> score(String name, Dataset<Row> batch, String... sets) {
    String input = TrainFixture.write(batch, dir.resolve(name));
    LakemlConfig config = config(input, sets);
    new TestRuns().run(Jobs.byName("score"), config);
    // Every case writes the same date: keep what this one wrote, not a view of the table.
    Dataset<Row> written = predictions(config);
    return SparkTestSession.get().createDataFrame(written.collectAsList(), written.schema());
  }

  private static Dataset<Row> predictions(LakemlConfig config) {
    return TestTables.day(config.lake(), Lake.Zone.PREDICTIONS, "claims", TestRuns.DAY);
  }

  private static LakeTables tables(LakemlConfig config) {
    return LakeTables.of(SparkTestSession.get(), config.lake());
  }

  @Test
  void theChampionScoresByDefaultAndExtraColumnsPassThrough() {
    Dataset<Row> batch = fixture.selectExpr("*", "'from the CRM' AS note");
    Dataset<Row> out = score("extra", batch, "score.id-columns=[id, note]");

    // The predictions table gained the column: new columns follow the existing ones.
    assertThat(out.columns())
        .containsExactlyInAnyOrder(
            "id", "note", "prediction", "probability", "threshold", "model_name", "model_version");
    assertThat(out.count()).isEqualTo(400);
    assertThat(out.filter("model_version = 1 AND note = 'from the CRM'").count()).isEqualTo(400);
  }

  @Test
  void unseenAndMissingCategoriesAreScored() {
    Dataset<Row> batch =
        fixture.selectExpr(
            "id", "x1", "x2", "CASE WHEN id % 2 = 0 THEN 'never-seen' ELSE NULL END AS cat");
    Dataset<Row> out = score("unseen", batch);

    assertThat(out.count()).isEqualTo(400);
    assertThat(out.filter("probability IS NULL OR prediction IS NULL").count()).isZero();
  }

  @Test
  void anEmptyBatchPublishesAnEmptyDay() {
    score("before", fixture);
    Dataset<Row> out = score("empty", fixture.limit(0));

    assertThat(out.count()).as("the date's earlier predictions are replaced").isZero();
    assertThat(out.columns()).contains("id", "prediction", "probability");
    LakemlConfig config = config(data);
    TableId table = config.lake().tableId(Lake.Zone.PREDICTIONS, "claims");
    assertThat(tables(config).published(table, TestRuns.DAY)).isTrue();
  }

  @Test
  void aMissingColumnFailsNamingIt() {
    assertThatThrownBy(() -> score("missing", fixture.drop("x2")))
        .isInstanceOf(DataQualityException.class)
        .hasMessageContaining("lacks columns [x2] that the model needs");
  }

  @Test
  void aColumnOfAnotherTypeFailsOrIsCastAsConfigured() {
    Dataset<Row> batch = fixture.selectExpr("id", "CAST(x1 AS STRING) AS x1", "x2", "cat");
    assertThatThrownBy(() -> score("typed", batch))
        .isInstanceOf(DataQualityException.class)
        .hasMessageContaining("x1 is string, trained as decimal")
        .hasMessageContaining("score.on-type-mismatch = cast");

    Dataset<Row> cast = score("cast", batch, "score.on-type-mismatch=cast");
    Dataset<Row> reference = score("reference", fixture);
    assertThat(cast.count()).isEqualTo(400);
    assertThat(
            cast.select("id", "probability")
                .exceptAll(reference.select("id", "probability"))
                .count())
        .as("a string that holds the number scores as the number")
        .isZero();
  }

  @Test
  void aVersionThatDoesNotExistFailsNamingWhatExists() {
    assertThatThrownBy(() -> score("v7", fixture, "score.model-version=7"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("model 'claims' has no version '7'")
        .hasMessageContaining("committed versions: [1]");
  }

  @Test
  void aRerunReplacesTheDateWithTheSamePredictions() {
    Dataset<Row> first = score("rerun", fixture);
    TableId table = config(data).lake().tableId(Lake.Zone.PREDICTIONS, "claims");
    Map<java.time.LocalDate, Long> before =
        tables(config(data)).rowsPerDay(table, OptionalLong.empty());
    Dataset<Row> second = score("rerun", fixture);

    assertThat(second.count()).isEqualTo(first.count()).isEqualTo(400);
    assertThat(first.exceptAll(second).count()).isZero();
    assertThat(tables(config(data)).rowsPerDay(table, OptionalLong.empty()))
        .as("replaced, not appended")
        .isEqualTo(before)
        .isEqualTo(Map.of(TestRuns.DAY, 400L));
  }
}
