package io.lakeml.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakeml.config.ConfigLoader;
import io.lakeml.testing.TestConfigs;
import io.lakeml.train.Algorithm;
import io.lakeml.train.ParamSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The configuration reference, docs/configuration.md, against the code: every key a section of the
 * code declares is in the reference, and every key in the reference is one the code declares. The
 * code's keys are those its sections declare while loading every shipped pipeline in every shipped
 * environment and a configuration that sets every optional section; the algorithms' parameters come
 * from their own definitions.
 */
class ConfigReferenceTest {
  private static final Pattern ROW = Pattern.compile("(?m)^\\| `([^`]+)` \\|");
  private static final String PARAMS = "train.params.";

  @Test
  void theReferenceListsExactlyTheKeysTheCodeKnows() throws Exception {
    Path root = TestConfigs.projectRoot();
    List<Path> pipelines;
    try (var files = Files.list(root.resolve("conf/pipelines"))) {
      pipelines = new ArrayList<>(files.filter(f -> f.toString().endsWith(".conf")).toList());
    }
    pipelines.add(root.resolve("common/src/test/resources/reference/every-section.conf"));
    Set<String> declared = new TreeSet<>();
    for (String env : List.of("local", "local-s3", "emr")) {
      List<String> sets = env.equals("emr") ? List.of(LakemlConfigTest.KMS_KEY) : List.<String>of();
      for (Path pipeline : pipelines) {
        declared.addAll(
            LakemlConfig.declaredKeys(
                ConfigLoader.load(
                    new ConfigLoader.Request(
                        Optional.of(pipeline.toString()),
                        env,
                        Optional.of(root.resolve("conf/env/" + env + ".conf").toString()),
                        sets))));
      }
    }
    Set<String> code = new TreeSet<>();
    for (String key : declared) {
      // Parameters and search spaces are per algorithm: taken from the algorithms below.
      if (!key.startsWith(PARAMS) && !key.startsWith("train.search.space.")) {
        code.add(key);
      }
    }
    for (Algorithm a : Algorithm.values()) {
      for (ParamSpec p : a.params()) {
        code.add(PARAMS + p.name());
      }
    }
    // The list, for whoever updates the reference.
    Files.writeString(Path.of("target", "configuration-keys.txt"), String.join("\n", code) + "\n");
    Set<String> reference = new TreeSet<>();
    Matcher m = ROW.matcher(Files.readString(root.resolve("docs/configuration.md")));
    while (m.find()) {
      reference.add(m.group(1));
    }
    Set<String> missing = new TreeSet<>(code);
    missing.removeAll(reference);
    Set<String> unknown = new TreeSet<>(reference);
    unknown.removeAll(code);
    assertThat(missing)
        .as("keys the code knows that docs/configuration.md does not list")
        .isEmpty();
    assertThat(unknown)
        .as("keys docs/configuration.md lists that the code does not know")
        .isEmpty();
  }
}
