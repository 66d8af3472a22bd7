package io.lakeml.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeml.io.LakeFiles;
import io.lakeml.lake.Lake;
import io.lakeml.testing.SparkTestSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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

  @Test
  void versionsCountUpAndLatestIsTheNewest() {
    ModelRegistry r = registry();
    assertThat(r.register("m", model(), Map.of("k", 1)).version()).isEqualTo(1);
    assertThat(r.register("m", model(), Map.of("k", 2)).version()).isEqualTo(2);

    ModelRegistry.Version latest = r.resolve("m", "latest");
    assertThat(latest.version()).isEqualTo(2);
    assertThat(latest.metadata())
        .containsEntry("k", 2)
        .containsEntry("name", "m")
        .containsEntry("version", 2);
    assertThat(r.resolve("m", "1").metadata()).containsEntry("k", 1);
    assertThat(latest.load().transform(SparkTestSession.get().range(3).toDF()).columns())
        .contains("one");
  }

  @Test
  void aHalfWrittenVersionIsNeverListedNorReused() throws Exception {
    ModelRegistry r = registry();
    r.register("m", model(), Map.of());
    // A crash after the model folder was written but before its metadata.
    Files.createDirectories(dir.resolve("models/m/2/model"));

    assertThat(r.versions("m")).containsExactly(1);
    assertThat(r.resolve("m", "latest").version()).isEqualTo(1);
    assertThat(r.register("m", model(), Map.of()).version()).isEqualTo(3);
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
