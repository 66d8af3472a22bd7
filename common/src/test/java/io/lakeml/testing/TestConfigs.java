package io.lakeml.testing;

import io.lakeml.config.ConfigLoader;
import io.lakeml.pipeline.LakemlConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Loads configurations the way the jobs do, on the {@code test} environment layer. */
public final class TestConfigs {
  private TestConfigs() {}

  /** The repository's root, found from the module folder the tests run in. */
  public static Path projectRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("conf").resolve("pipelines"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("no conf/pipelines above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }

  /** A shipped pipeline file, such as {@code fraud.conf}. */
  public static Path pipeline(String name) {
    return projectRoot().resolve("conf").resolve("pipelines").resolve(name);
  }

  public static ConfigLoader.Loaded loaded(Path pipelineFile, String... sets) {
    return ConfigLoader.load(
        new ConfigLoader.Request(
            Optional.ofNullable(pipelineFile).map(Path::toString),
            "test",
            Optional.empty(),
            List.of(sets)));
  }

  public static LakemlConfig load(Path pipelineFile, String... sets) {
    return LakemlConfig.from(loaded(pipelineFile, sets));
  }

  /** The fraud pipeline with its lake under {@code lake} and extra overrides. */
  public static LakemlConfig fraud(Path lake, String... sets) {
    List<String> all = new ArrayList<>();
    all.add("lake.root=" + lake.toUri());
    all.addAll(List.of(sets));
    return load(pipeline("fraud.conf"), all.toArray(String[]::new));
  }
}
