package io.lakeml.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  /** conf/pipelines/p.conf with conf/env/dev.conf beside it, as the repository lays them out. */
  private Path layout(String env, String pipeline) throws IOException {
    Files.createDirectories(dir.resolve("conf/env"));
    Files.createDirectories(dir.resolve("conf/pipelines"));
    Files.writeString(dir.resolve("conf/env/dev.conf"), env);
    Path p = dir.resolve("conf/pipelines/p.conf");
    Files.writeString(p, pipeline);
    return p;
  }

  private static Config load(Path pipeline, String env, String... sets) {
    return ConfigLoader.load(
            new ConfigLoader.Request(
                Optional.of(pipeline.toString()), env, Optional.empty(), List.of(sets)))
        .config();
  }

  @Test
  void includesResolveRelativeToTheIncludingFileAndItsSettingsCanBeOverridden() throws IOException {
    Path p = layout("", "include \"shared/base.conf\"\ndataset = own\n");
    Files.createDirectories(dir.resolve("conf/pipelines/shared"));
    Files.writeString(
        dir.resolve("conf/pipelines/shared/base.conf"),
        "dataset = base\nspark.app-name = shared\n");
    Config c = load(p, "dev");
    assertThat(c.getString("dataset")).isEqualTo("own");
    assertThat(c.getString("spark.app-name")).isEqualTo("shared");
    assertThat(ConfigLoader.resolveRelative("s3a://b/conf/pipelines/p.conf", "shared/x.conf"))
        .isEqualTo("s3a://b/conf/pipelines/shared/x.conf");
  }

  @Test
  void layersApplyDefaultsThenEnvThenPipelineThenSet() throws IOException {
    Path p =
        layout(
            "lake.root = env-lake\nspark.app-name = from-env\ndataset = env-ds\n",
            "dataset = pipeline-ds\nspark.app-name = from-pipeline\n");

    Config c = load(p, "dev", "spark.app-name=from-set");

    assertThat(c.getString("lake.root")).as("env over defaults").isEqualTo("env-lake");
    assertThat(c.getString("dataset")).as("pipeline over env").isEqualTo("pipeline-ds");
    assertThat(c.getString("spark.app-name")).as("--set over pipeline").isEqualTo("from-set");
    assertThat(c.getString("spark.conf.\"spark.sql.session.timeZone\""))
        .as("built-in default kept")
        .isEqualTo("UTC");
    assertThat(c.getString("env")).isEqualTo("dev");
  }

  @Test
  void laterSetWinsAndValuesMayBeListsOrUrls() throws IOException {
    Path p = layout("", "");
    Config c =
        load(
            p,
            "dev",
            "train.params.max-iter=10",
            "train.params.max-iter=20",
            "features.numeric=[a, b]",
            "lake.root=s3a://bucket/prefix//x");

    assertThat(c.getInt("train.params.max-iter")).isEqualTo(20);
    assertThat(c.getStringList("features.numeric")).containsExactly("a", "b");
    assertThat(c.getString("lake.root")).isEqualTo("s3a://bucket/prefix//x");
  }

  @Test
  void setWithoutEqualsIsRejected() throws IOException {
    Path p = layout("", "");
    assertThatThrownBy(() -> load(p, "dev", "train.params.max-iter"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("--set: expected key=value, got: 'train.params.max-iter'");
  }

  @Test
  void unknownEnvNamesWhereItLooked() throws IOException {
    Path p = layout("", "");
    assertThatThrownBy(() -> load(p, "prod"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("--env: expected an environment with a file")
        .hasMessageContaining("got: 'prod'")
        .hasMessageContaining("conf/env/prod.conf");
  }

  @Test
  void missingPipelineFileIsAConfigError() {
    assertThatThrownBy(() -> load(dir.resolve("nope.conf"), "test"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("--conf: expected an existing configuration file")
        .hasMessageContaining("nope.conf");
  }

  @Test
  void invalidHoconNamesTheFile() throws IOException {
    Path p = layout("", "train { = }");
    assertThatThrownBy(() -> load(p, "dev"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("p.conf: not valid HOCON");
  }

  @Test
  void digestChangesWithContentOnly() throws IOException {
    Path p = layout("", "dataset = a\n");
    ConfigLoader.Request r =
        new ConfigLoader.Request(Optional.of(p.toString()), "dev", Optional.empty(), List.of());
    ConfigLoader.Request other =
        new ConfigLoader.Request(
            Optional.of(p.toString()), "dev", Optional.empty(), List.of("dataset=b"));

    assertThat(ConfigLoader.load(r).digest()).isEqualTo(ConfigLoader.load(r).digest());
    assertThat(ConfigLoader.load(r).digest()).isNotEqualTo(ConfigLoader.load(other).digest());
  }
}
