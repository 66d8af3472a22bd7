package io.lakeml.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakeml.jobs.ProjectCommand.Result;
import io.lakeml.pipeline.Jobs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shell launchers as a user meets them: their help, {@code --version}, and what {@code
 * bin/lakeml} decides from its options ({@code LAKEML_PRINT_LAUNCH=true} prints the decision and
 * stops before building or starting anything).
 */
class LaunchScriptsIT {
  private static final Duration LIMIT = Duration.ofSeconds(60);

  @Test
  void helpListsEveryJobWithItsLineAndNothingOfTheScript() throws Exception {
    Result help = run("bin/lakeml", "--help");
    assertThat(help.exit()).isZero();
    assertThat(help.out()).doesNotContain("set -euo").doesNotContain("#!");
    String joined = help.out().replaceAll("\\n {12}", " ");
    List<String> jobs = new ArrayList<>(Jobs.all().keySet());
    jobs.add("sql");
    jobs.add("init");
    for (String job : jobs) {
      assertThat(joined).as(job).containsPattern("(?m)^  " + job + " +\\Q" + Descriptions.of(job));
    }
  }

  @Test
  void theOtherScriptsPrintTheirUsageOnly() throws Exception {
    for (String script : List.of("bin/cluster.sh", "bin/s3proxy.sh")) {
      Result r = run(script);
      assertThat(r.exit()).as(script).isEqualTo(2);
      assertThat(r.out()).as(script).contains("start").doesNotContain("set -euo");
    }
    Result submit = run("emr/submit.sh", "--help");
    assertThat(submit.exit()).isZero();
    assertThat(submit.out()).contains("--dry-run").doesNotContain("set -euo");
  }

  @Test
  void versionNamesTheStackThisBuildRunsOn() throws Exception {
    Result r = run("bin/lakeml", "--version");
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .contains("lakeml ")
        .contains("Spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION() + " on Scala 2.12")
        .contains("Apache Iceberg " + org.apache.iceberg.IcebergBuild.version())
        .contains("Java " + System.getProperty("java.version"));
  }

  @Test
  void optionsAreParsedNotMatchedAsSubstrings() throws Exception {
    // An application named "localrun" on a cluster is not local mode: no driver memory added.
    Launch named = launch("--name", "localrun", "--master", "spark://h:7077", "train");
    assertThat(named.master()).isEqualTo("spark://h:7077");
    assertThat(named.options()).doesNotContain("--driver-memory");

    Launch local = launch("--master=local[2]", "train", "--env=local-s3");
    assertThat(local.env()).isEqualTo("local-s3");
    assertThat(local.options()).containsSequence("--driver-memory", "4g");

    Launch byDefault = launch("train", "--env", "local-s3");
    assertThat(byDefault.master()).isEqualTo("local[*]");
    assertThat(byDefault.env()).isEqualTo("local-s3");

    Launch own = launch("--driver-memory=6g", "train");
    assertThat(own.options()).contains("--driver-memory=6g").doesNotContain("--driver-memory");
  }

  @Test
  void clusterDeployModeChecksFirstUnlessTheJobOnlyAsksForHelp() throws Exception {
    Launch cluster =
        launch("--master", "spark://h:7077", "--deploy-mode=cluster", "pipeline", "--conf", "x");
    assertThat(cluster.deployMode()).isEqualTo("cluster");
    assertThat(cluster.preflight()).isTrue();
    assertThat(cluster.options()).contains("--driver-java-options");

    Launch help = launch("--master", "spark://h:7077", "--deploy-mode", "cluster", "train", "-h");
    assertThat(help.preflight()).isFalse();

    // A --set value that reads like an option is a value.
    Launch value =
        launch(
            "--master", "spark://h:7077", "--deploy-mode", "cluster", "train", "--set", "--help");
    assertThat(value.preflight()).isTrue();
  }

  @Test
  void theS3ServerFailsWhenItDoesNotAnswerInTime(@TempDir Path dir) throws Exception {
    assertThat(run("bin/s3proxy.sh", "fetch").exit()).isZero();
    Result r =
        ProjectCommand.run(
            List.of(
                "env",
                "LAKEML_S3PROXY_DIR=" + dir,
                "LAKEML_S3PROXY_WAIT_TRIES=0",
                "bin/s3proxy.sh",
                "start",
                "19999"),
            LIMIT);
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("did not answer on http://127.0.0.1:19999");
    assertThat(dir.resolve("s3proxy.pid")).doesNotExist();
    assertThat(dir.resolve("client.env")).doesNotExist();
  }

  /** What bin/lakeml decided: its summary line and the spark-submit options, one per line. */
  private record Launch(
      String master, String deployMode, String env, boolean preflight, List<String> options) {}

  private static Launch launch(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("env", "LAKEML_PRINT_LAUNCH=true"));
    command.add("bin/lakeml");
    command.addAll(Arrays.asList(args));
    Result r = ProjectCommand.run(command, LIMIT);
    assertThat(r.exit()).as(r.out()).isZero();
    // Anything the script says on standard error (a cluster-mode note) comes first.
    List<String> lines = r.out().lines().dropWhile(l -> !l.startsWith("master=")).toList();
    assertThat(lines).as(r.out()).isNotEmpty();
    Matcher m =
        Pattern.compile("master=(\\S+) deploy-mode=(\\S+) env=(\\S+) job=\\S+ preflight=(yes|no)")
            .matcher(lines.get(0));
    assertThat(m.matches()).as(lines.get(0)).isTrue();
    return new Launch(
        m.group(1),
        m.group(2),
        m.group(3),
        m.group(4).equals("yes"),
        lines.subList(1, lines.size()));
  }

  private static Result run(String... command) throws Exception {
    return ProjectCommand.run(List.of(command), LIMIT);
  }
}
