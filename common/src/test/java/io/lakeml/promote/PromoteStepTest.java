package io.lakeml.promote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeml.ml.Metric;
import io.lakeml.model.Alias;
import io.lakeml.model.ModelRegistry;
import io.lakeml.model.Promotion;
import io.lakeml.pipeline.Jobs;
import io.lakeml.pipeline.LakemlConfig;
import io.lakeml.pipeline.PipelineJob;
import io.lakeml.run.RunManifest;
import io.lakeml.testing.TestRuns;
import io.lakeml.train.TrainFixture;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The champion alias moves only when a candidate beats it on the candidate's test rows. */
class PromoteStepTest {
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

  private static Promotion promotion(ModelRegistry registry, int version) {
    return registry
        .resolve("fraud", Integer.toString(version))
        .metadata()
        .promotion()
        .orElseThrow();
  }

  @Test
  void theFirstModelIsChampionAndOnlyABetterOneReplacesIt() {
    String data = TrainFixture.write(TrainFixture.rows(800, 0.3), dir.resolve("data"));
    LakemlConfig noiseOnly = config(data, "[x2]");
    LakemlConfig good = config(data, "[x1, x2]");
    LakemlConfig goodButHighBar = config(data, "[x1, x2]", "promote.min-improvement=0.5");
    PipelineJob pipeline = new PipelineJob();

    assertThat(new TestRuns().run(pipeline, noiseOnly).status())
        .isEqualTo(RunManifest.Status.SUCCEEDED);
    ModelRegistry registry = TrainFixture.registry(noiseOnly);
    assertThat(registry.resolve("fraud", ModelRegistry.CHAMPION).version()).isEqualTo(1);
    assertThat(promotion(registry, 1).promoted()).isTrue();
    assertThat(promotion(registry, 1).reason()).isEqualTo("no champion yet");

    new TestRuns().run(pipeline, good);
    assertThat(registry.resolve("fraud", ModelRegistry.CHAMPION).version()).isEqualTo(2);
    Promotion won = promotion(registry, 2);
    assertThat(won.promoted()).isTrue();
    assertThat(won.metric()).isEqualTo(Metric.ROC_AUC);
    assertThat(won.candidateScore().getAsDouble()).isGreaterThan(won.championScore().getAsDouble());

    TestRuns runs = new TestRuns();
    runs.run(pipeline, goodButHighBar);
    assertThat(registry.resolve("fraud", ModelRegistry.CHAMPION).version()).isEqualTo(2);
    assertThat(promotion(registry, 3).promoted()).isFalse();
    assertThat(promotion(registry, 3).reason()).contains("needed 0.5000");
    assertThat(runs.console()).contains("fraud v3 is not champion");

    Alias alias = registry.alias("fraud", ModelRegistry.CHAMPION).orElseThrow();
    assertThat(alias.version()).isEqualTo(2);
    assertThat(alias.promotion().orElseThrow().previousChampion().getAsInt()).isEqualTo(1);
  }

  @Test
  void anAliasCanOnlyPointAtACommittedVersion() {
    String data = TrainFixture.write(TrainFixture.rows(200, 0.3), dir.resolve("data"));
    LakemlConfig config = config(data, "[x1]");
    new TestRuns().run(Jobs.byName("train"), config);
    ModelRegistry registry = TrainFixture.registry(config);
    assertThatThrownBy(
            () ->
                registry.setAlias("fraud", new Alias(ModelRegistry.CHAMPION, 7, Optional.empty())))
        .hasMessage("model 'fraud' has no committed version 7 to alias");
    assertThatThrownBy(() -> registry.resolve("fraud", ModelRegistry.CHAMPION))
        .hasMessageContaining("model 'fraud' has no version 'champion'");
  }
}
