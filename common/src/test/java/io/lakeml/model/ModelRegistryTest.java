package io.lakeml.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeml.io.LakeFiles;
import io.lakeml.lake.Lake;
import io.lakeml.testing.MetadataFixtures;
import io.lakeml.testing.SparkTestSession;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.feature.SQLTransformer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryTest {
  @TempDir Path dir;

  private ModelRegistry registry() {
    return new ModelRegistry(Lake.at(dir.toUri().toString()), LakeFiles.of(SparkTestSession.get()));
  }

  private static PipelineModel model() {
    return new PipelineModel(
        "m",
        new Transformer[] {new SQLTransformer().setStatement("SELECT *, 1 AS one FROM __THIS__")});
  }

  /** Real metadata (a fraud model's); the registry assigns the version. */
  private static ModelMetadata metadata() {
    return MetadataFixtures.load("fraud_lr").withVersion(0);
  }

  @Test
  void versionsCountUpAndLatestIsTheNewest() {
    ModelRegistry r = registry();
    ModelMetadata first = metadata();
    ModelMetadata second =
        metadata()
            .withPromotion(MetadataFixtures.load("fraud_weekly_v2").promotion().orElseThrow());
    assertThat(r.register(model(), first).version()).isEqualTo(1);
    assertThat(r.register(model(), second).version()).isEqualTo(2);

    ModelRegistry.Version latest = r.resolve("fraud_lr", "latest");
    assertThat(latest.version()).isEqualTo(2);
    assertThat(latest.metadata().withModelFiles(java.util.Map.of()))
        .isEqualTo(second.withVersion(2));
    assertThat(r.resolve("fraud_lr", "1").metadata().withModelFiles(java.util.Map.of()))
        .isEqualTo(first.withVersion(1));
    assertThat(latest.metadata().modelFiles()).containsKey("model/metadata/part-00000");
    assertThat(latest.load().transform(SparkTestSession.get().range(3).toDF()).columns())
        .contains("one");
  }

  @Test
  void aModelChangedSinceItWasRegisteredDoesNotLoad() throws Exception {
    ModelRegistry r = registry();
    r.register(model(), metadata());
    Path stage =
        Files.list(dir.resolve("models/fraud_lr/1/model/stages")).findFirst().orElseThrow();
    Path stageMetadata = stage.resolve("metadata/part-00000");
    String original = Files.readString(stageMetadata);

    // An edited stage: its SQL would run at scoring.
    Files.writeString(stageMetadata, original.replace("1 AS one", "2 AS one"));
    assertThatThrownBy(() -> r.resolve("fraud_lr", "1").load())
        .hasMessageContaining("fraud_lr v1: ")
        .hasMessageContaining(stageMetadata.getFileName().toString())
        .hasMessageContaining("differs from the SHA-256 its metadata recorded");

    Files.delete(stageMetadata);
    assertThatThrownBy(() -> r.resolve("fraud_lr", "1").load()).hasMessageContaining("is missing");

    Files.writeString(stageMetadata, original);
    Files.writeString(stage.resolve("metadata/part-00001"), "{}");
    assertThatThrownBy(() -> r.resolve("fraud_lr", "1").load())
        .hasMessageContaining("was not part of the model when it was registered");

    Files.delete(stage.resolve("metadata/part-00001"));
    assertThat(r.resolve("fraud_lr", "1").load().stages()).hasSize(1);
  }

  @Test
  void aModelRegisteredBeforeDigestsLoadsUnchecked() {
    ModelRegistry r = registry();
    ModelRegistry.Version v = r.register(model(), metadata());
    r.updateMetadata(v, v.metadata().withModelFiles(java.util.Map.of()));
    assertThat(r.resolve("fraud_lr", "1").metadata().modelFiles()).isEmpty();
    assertThat(r.resolve("fraud_lr", "1").load().stages()).hasSize(1);
  }

  @Test
  void aHalfWrittenVersionIsNeverListedNorReused() throws Exception {
    ModelRegistry r = registry();
    r.register(model(), metadata());
    // A crash after the model folder was written but before its metadata.
    Files.createDirectories(dir.resolve("models/fraud_lr/2/model"));

    assertThat(r.versions("fraud_lr")).containsExactly(1);
    assertThat(r.resolve("fraud_lr", "latest").version()).isEqualTo(1);
    assertThat(r.register(model(), metadata()).version()).isEqualTo(3);
  }

  @Test
  void unknownVersionsAndAliasesAreClearErrors() {
    ModelRegistry r = registry();
    assertThatThrownBy(() -> r.resolve("m", "latest"))
        .hasMessageContaining("model 'm' has no version 'latest'")
        .hasMessageContaining("committed versions: []");
    assertThatThrownBy(() -> r.resolve("m", "best"))
        .hasMessage("model version must be a number, 'latest' or 'champion', got: 'best'");
  }
}
