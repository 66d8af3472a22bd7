package io.lakeml.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakeml.io.LakeFiles;
import io.lakeml.lake.Lake;
import io.lakeml.ml.Metric;
import io.lakeml.model.ModelRegistry;
import io.lakeml.run.RunManifest;
import io.lakeml.run.StepRecord;
import io.lakeml.testing.SparkTestSession;
import io.lakeml.testing.TestConfigs;
import io.lakeml.testing.TestRuns;
import io.lakeml.testing.TestTables;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every shipped pipeline besides fraud.conf (which {@link FraudPipelineTest} covers) runs end to
 * end on its sample data, registers its model with metadata and clears a quality bar. Searches are
 * narrowed by {@code --set} overrides to keep the suite fast (a search of one or two candidates
 * still runs every fold; SearchTest covers choosing among many); the configs are otherwise as
 * shipped.
 */
class ShippedPipelinesTest {
  @TempDir static Path dir;

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "fraud-gbt.conf|fraud_gbt|roc_auc|0.70|train.params.max-iter=5;train.search.folds=2;"
            + "train.search.space.max-depth=[3]",
        "fraud-rf.conf|fraud_rf|roc_auc|0.70|train.params.num-trees=20",
        "fraud-xgb.conf|fraud_xgb|roc_auc|0.70|train.params.num-round=15",
        "segmentation.conf|customer_segments|silhouette|0.10|train.search.space.k=[2, 3]",
        "digits.conf|digits_pca_lr|accuracy|0.90|",
        "penguins-mass.conf|penguin_mass|r2|0.80|",
        "penguins-species.conf|penguin_species|accuracy|0.95|"
      })
  void runsEndToEndAndRegistersAModelThatLearns(
      String file, String model, String metric, double atLeast, String set) {
    Path pipeline = TestConfigs.pipeline(file);
    LakemlConfig shipped = TestConfigs.load(pipeline);
    List<String> sets = new ArrayList<>();
    sets.add("lake.root=" + dir.resolve(file).toUri());
    sets.add(
        "ingest.source.path="
            + TestConfigs.projectRoot()
                .resolve(shipped.requireIngest().source().path().orElseThrow())
                .toUri());
    if (set != null) {
      sets.addAll(List.of(set.split(";")));
    }
    LakemlConfig config = TestConfigs.load(pipeline, sets.toArray(String[]::new));
    RunManifest manifest = new TestRuns().run(new PipelineJob(), config);
    assertThat(manifest.status()).isEqualTo(RunManifest.Status.SUCCEEDED);

    ModelRegistry.Version v =
        new ModelRegistry(config.lake(), LakeFiles.of(SparkTestSession.get()))
            .resolve(model, ModelRegistry.LATEST);
    assertThat(v.metadata().algorithm()).isEqualTo(config.requireTrain().algorithm().configName());
    assertThat(v.metadata().testMetrics().valueOf(Metric.byName(metric)))
        .as(metric)
        .isGreaterThan(atLeast);

    long accepted = (Long) step(manifest, "ingest").counts().get("rows_accepted");
    long scored = TestTables.day(config.lake(), Lake.Zone.PREDICTIONS, model, TestRuns.DAY).count();
    assertThat(scored).isEqualTo(accepted);
    assertThat(v.metadata().search().isPresent())
        .isEqualTo(config.requireTrain().search().isPresent());
    if (file.equals("fraud-xgb.conf")) {
      // score.explain = 3: every prediction names its three strongest reasons.
      List<org.apache.spark.sql.Row> reasons =
          TestTables.day(config.lake(), Lake.Zone.PREDICTIONS, model, TestRuns.DAY)
              .selectExpr("size(reasons)", "reasons[0].feature")
              .distinct()
              .collectAsList();
      assertThat(reasons).allSatisfy(r -> assertThat(r.getInt(0)).isEqualTo(3));
      assertThat(reasons).extracting(r -> r.getString(1)).doesNotContain("f0", "");
    }
    if (file.equals("digits.conf")) {
      assertThat(v.metadata().features().pcaComponents().getAsInt()).isBetween(10, 40);
    }
  }

  private static StepRecord step(RunManifest manifest, String name) {
    return manifest.steps().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }
}
