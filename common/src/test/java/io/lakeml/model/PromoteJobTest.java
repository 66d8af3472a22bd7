package io.lakeml.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeml.config.LakemlConfig;
import io.lakeml.run.RunManifest;
import io.lakeml.testing.TestRuns;
import io.lakeml.train.TrainFixture;
import io.lakeml.train.TrainJob;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The champion alias moves only when a candidate beats it on the candidate's test rows. */
class PromoteJobTest {
  @TempDir Path dir;

  private LakemlConfig config(String data, String features, String... sets) {
    return TrainFixture.config(
        dir.resolve("lake"),
        data,
        "features { numeric = "
            + features
            + " }\n"
            + "train { model-name = fraud, algorithm = logistic-regression, label = label,"
            + " positive-label = Y, split { key = [id] } }\n"
            + "pipeline.steps = [train, promote]",
        sets);
  }

  private static Map<String, Object> promotion(ModelRegistry registry, int version) {
    @SuppressWarnings("unchecked")
    Map<String, Object> p =
        (Map<String, Object>)
            registry.resolve("fraud", Integer.toString(version)).metadata().get("promotion");
    return p;
  }

  @Test
  void theFirstModelIsChampionAndOnlyABetterOneReplacesIt() {
    String data = TrainFixture.write(TrainFixture.rows(800, 0.3), dir.resolve("data"));
    LakemlConfig noiseOnly = config(data, "[x2]");
    LakemlConfig good = config(data, "[x1, x2]");
    LakemlConfig goodButHighBar = config(data, "[x1, x2]", "promote.min-improvement=0.5");
    io.lakeml.pipeline.PipelineJob pipeline = new io.lakeml.pipeline.PipelineJob();

    assertThat(new TestRuns().run(pipeline, noiseOnly).status())
        .isEqualTo(RunManifest.Status.SUCCEEDED);
    ModelRegistry registry = TrainFixture.registry(noiseOnly);
    assertThat(registry.resolve("fraud", ModelRegistry.CHAMPION).version()).isEqualTo(1);
    assertThat(promotion(registry, 1))
        .containsEntry("promoted", true)
        .containsEntry("reason", "no champion yet");

    new TestRuns().run(pipeline, good);
    assertThat(registry.resolve("fraud", ModelRegistry.CHAMPION).version()).isEqualTo(2);
    Map<String, Object> won = promotion(registry, 2);
    assertThat(won).containsEntry("promoted", true).containsEntry("metric", "roc_auc");
    assertThat((Double) won.get("candidate_score"))
        .isGreaterThan((Double) won.get("champion_score"));

    TestRuns runs = new TestRuns();
    runs.run(pipeline, goodButHighBar);
    assertThat(registry.resolve("fraud", ModelRegistry.CHAMPION).version()).isEqualTo(2);
    assertThat(promotion(registry, 3)).containsEntry("promoted", false);
    assertThat((String) promotion(registry, 3).get("reason")).contains("needed 0.5000");
    assertThat(runs.console()).contains("fraud v3 is not champion");

    Map<String, Object> alias = registry.alias("fraud", ModelRegistry.CHAMPION).orElseThrow();
    assertThat(alias).containsEntry("version", 2).containsEntry("previous_champion", 1);
  }

  @Test
  void anAliasCanOnlyPointAtACommittedVersion() {
    String data = TrainFixture.write(TrainFixture.rows(200, 0.3), dir.resolve("data"));
    LakemlConfig config = config(data, "[x1]");
    new TestRuns().run(new TrainJob(), config);
    ModelRegistry registry = TrainFixture.registry(config);
    assertThatThrownBy(() -> registry.setAlias("fraud", ModelRegistry.CHAMPION, 7, Map.of()))
        .hasMessage("model 'fraud' has no committed version 7 to alias");
    assertThatThrownBy(() -> registry.resolve("fraud", ModelRegistry.CHAMPION))
        .hasMessageContaining("model 'fraud' has no version 'champion'");
  }
}
