package io.lakeml.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakeml.testing.JavaSources;
import io.lakeml.testing.TestConfigs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every environment variable lakeml reads on EMR reaches the JVM that reads it, on every way a job
 * runs there: an EMR step in client mode (the driver on the primary node sees {@code spark-env}),
 * an EMR step or the scheduled state machine in cluster mode (the driver is YARN's application
 * master: {@code spark.yarn.appMasterEnv.*}), EMR Serverless ({@code
 * spark.emr-serverless.driverEnv.*}), and executors ({@code spark.executorEnv.*}, set by lakeml's
 * own Spark defaults).
 */
class EmrWiringTest {
  private static final Path ROOT = TestConfigs.projectRoot();
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Variables the configuration reads on EMR: {@code ${?NAME}} in the layers an EMR run loads. */
  static Set<String> driverVariables() throws IOException {
    Set<String> out = new TreeSet<>();
    Matcher m =
        Pattern.compile("\\$\\{\\?([A-Z0-9_]+)}")
            .matcher(
                Files.readString(ROOT.resolve("conf/env/emr.conf"))
                    + Files.readString(
                        ROOT.resolve("common/src/main/resources/lakeml/defaults.conf")));
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /** Variables lakeml sets for every executor in its built-in Spark defaults. */
  static Set<String> executorVariables() throws IOException {
    Set<String> out = new TreeSet<>();
    Matcher m =
        Pattern.compile("\"spark\\.executorEnv\\.([A-Z0-9_]+)\"")
            .matcher(
                Files.readString(ROOT.resolve("common/src/main/resources/lakeml/defaults.conf")));
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private static JsonNode json(String file) throws IOException {
    return JSON.readTree(Files.readString(ROOT.resolve(file)));
  }

  private static JsonNode classification(JsonNode cluster, String name) {
    for (JsonNode c : cluster.get("Configurations")) {
      if (c.get("Classification").asText().equals(name)) {
        return c;
      }
    }
    throw new AssertionError("no " + name + " classification");
  }

  @Test
  void theVariablesLakemlReadsAreKnown() throws IOException {
    assertThat(driverVariables())
        .containsExactlyInAnyOrder("LAKEML_LAKE_ROOT", "LAKEML_KMS_KEY_ARN");
    assertThat(executorVariables())
        .containsExactlyInAnyOrder("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS");
    // The code reads one variable more: bin/lakeml's hand-over file, which only exists where
    // bin/lakeml started the driver, never on EMR.
    List<String> read = new ArrayList<>();
    for (String module : List.of("common", "jobs")) {
      JavaSources sources = JavaSources.mainOf(module);
      for (Path f : sources.files()) {
        Matcher m =
            Pattern.compile("getenv\\((\\w+|\"[A-Z_]+\")\\)")
                .matcher(Files.readString(sources.root().resolve(f)));
        while (m.find()) {
          read.add(f.getFileName() + ":" + m.group(1));
        }
      }
    }
    assertThat(read).containsExactly("SecretFiles.java:SET_FILE", "SecretFiles.java:SET_FILE");
  }

  @Test
  void everyDriverVariableReachesTheDriverOnEveryPath() throws IOException {
    JsonNode cluster = json("emr/cluster/run-job-flow.json");
    JsonNode sparkEnv =
        classification(cluster, "spark-env").get("Configurations").get(0).get("Properties");
    JsonNode sparkDefaults = classification(cluster, "spark-defaults").get("Properties");
    String serverless =
        json("emr/serverless/start-job-run.json")
            .at("/jobDriver/sparkSubmit/sparkSubmitParameters")
            .asText();
    for (String v : driverVariables()) {
      assertThat(sparkEnv.has(v)).as("%s for a client-mode driver (spark-env)", v).isTrue();
      assertThat(sparkDefaults.has("spark.yarn.appMasterEnv." + v))
          .as("%s for a cluster-mode driver (spark.yarn.appMasterEnv)", v)
          .isTrue();
      assertThat(serverless)
          .as("%s for an EMR Serverless driver", v)
          .contains("--conf spark.emr-serverless.driverEnv." + v + "=");
    }
  }

  @Test
  void stepsAndTheStateMachineRunInClusterModeOnTheClustersDefaults() throws IOException {
    List<Path> steps;
    try (Stream<Path> files = Files.list(ROOT.resolve("emr/steps"))) {
      steps = files.filter(p -> p.toString().endsWith(".json")).toList();
    }
    for (Path step : steps) {
      JsonNode args = JSON.readTree(Files.readString(step)).at("/Steps/0/HadoopJarStep/Args");
      assertThat(args.toString()).as(step.toString()).contains("\"--deploy-mode\",\"cluster\"");
    }
    assertThat(Files.readString(ROOT.resolve("emr/schedule/daily-scoring.asl.json")))
        .contains("'--deploy-mode', 'cluster'");
  }

  @Test
  void everyExecutorVariableIsInLakemlsSparkDefaultsAndTheClustersEnvironment() throws IOException {
    JsonNode sparkEnv =
        classification(json("emr/cluster/run-job-flow.json"), "spark-env")
            .get("Configurations")
            .get(0)
            .get("Properties");
    Map<String, String> defaults = TestConfigs.load(null).spark().conf();
    for (String v : executorVariables()) {
      assertThat(defaults).containsKey("spark.executorEnv." + v);
      assertThat(sparkEnv.has(v))
          .as("%s in spark-env for a client-mode driver's tasks", v)
          .isTrue();
    }
  }

  @Test
  void theScheduleCarriesTheEventsTimeAndNoDate() throws IOException {
    List<Path> targets;
    try (Stream<Path> files = Files.list(ROOT.resolve("emr/schedule"))) {
      targets = files.filter(p -> p.toString().endsWith(".targets.json")).toList();
    }
    assertThat(targets).hasSize(2);
    for (Path t : targets) {
      JsonNode transformer = json(ROOT.relativize(t).toString()).at("/Targets/0/InputTransformer");
      assertThat(transformer.at("/InputPathsMap/time").asText())
          .as(t.toString())
          .isEqualTo("$.time");
      assertThat(transformer.at("/InputTemplate").asText())
          .as(t.toString())
          .contains("\"scheduledTime\": <time>")
          .doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}")
          .doesNotContain("runDate");
    }
    String stateMachine = Files.readString(ROOT.resolve("emr/schedule/daily-scoring.asl.json"));
    assertThat(stateMachine)
        .contains("'--scheduled-time', $.scheduledTime")
        .doesNotContain("--run-date");
  }
}
