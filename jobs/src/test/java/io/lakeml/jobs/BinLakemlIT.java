package io.lakeml.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command, for real: {@code bin/lakeml} runs the shaded jar through Spark's
 * launcher and {@code spark-submit} in a JVM of its own, on the committed sample.
 */
class BinLakemlIT {
  private static final Path ROOT =
      Path.of(System.getProperty("lakeml.project.root")).toAbsolutePath().normalize();

  @TempDir Path dir;

  private record Result(int exit, String out, String err) {}

  private Result lakeml(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(ROOT.resolve("bin/lakeml").toString());
    command.addAll(List.of(args));
    Path out = dir.resolve("stdout.txt");
    Path err = dir.resolve("stderr.txt");
    Process p =
        new ProcessBuilder(command)
            .directory(ROOT.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("bin/lakeml did not finish in 10 minutes");
    }
    return new Result(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void fraudPipelineRunsThroughSparkSubmitOnTheSample() throws Exception {
    Path lake = dir.resolve("lake");
    // With event logging on, as on EMR: it needs the Jackson that Spark was built with.
    Path events = Files.createDirectories(dir.resolve("events"));
    Result r =
        lakeml(
            "--master",
            "local[2]",
            "--conf",
            "spark.eventLog.enabled=true",
            "--conf",
            "spark.eventLog.dir=" + events.toUri(),
            "pipeline",
            "--conf",
            "conf/pipelines/fraud.conf",
            "--run-date",
            "2026-11-01",
            "--set",
            "lake.root=" + lake.toUri());

    assertThat(r.exit()).as(r.err()).isZero();
    // Written to a file, not a terminal: no progress bar redraws in the log.
    assertThat(r.err()).doesNotContain("[Stage ");
    assertThat(r.out())
        .contains("pipeline: run ")
        .contains("(Spark 3.5.7, local[2])")
        .contains("ingest    done")
        .contains("rows_read=4000")
        .contains("ROC AUC")
        .contains("pipeline SUCCEEDED");
    // The tables of the embedded Hadoop catalog: data by run date, metadata beside it.
    for (String table :
        List.of(
            "curated/insurance_claims", "quarantine/insurance_claims", "predictions/fraud_lr")) {
      assertThat(lake.resolve(table + "/data/run_date=2026-11-01"))
          .isDirectoryContaining("glob:**.parquet");
      assertThat(lake.resolve(table + "/metadata/version-hint.text")).exists();
    }
    assertThat(lake.resolve("models/fraud_lr/1/metadata.json")).exists();
    assertThat(lake.resolve("reports/fraud_lr/1/metrics.json")).exists();
    try (Stream<Path> logs = Files.list(events)) {
      assertThat(logs.toList())
          .singleElement()
          .satisfies(
              log -> assertThat(Files.readString(log)).contains("SparkListenerApplicationEnd"));
    }
    try (Stream<Path> manifests = Files.list(lake.resolve("runs/pipeline/run_date=2026-11-01"))) {
      assertThat(manifests.toList())
          .singleElement()
          .satisfies(
              m ->
                  assertThat(Files.readString(m))
                      .contains("\"status\" : \"SUCCEEDED\"")
                      .contains("local-"));
    }
  }

  @Test
  void badSetValueFailsBeforeSparkWithExitCodeTwo() throws Exception {
    Result r =
        lakeml("train", "--conf", "conf/pipelines/fraud.conf", "--set", "train.split.train=1.5");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("train.split.train: expected a number in [0, 1], got: '1.5'");
    assertThat(r.out()).doesNotContain("Spark 3.5.7");
  }

  @Test
  void initDraftsAConfigurationThePipelineAccepts() throws Exception {
    Path conf = dir.resolve("penguins-init.conf");
    String[] draft = {
      "init",
      "--from",
      "data-samples/penguins/penguins.csv",
      "--label",
      "species",
      "--out",
      conf.toString()
    };
    Result init = lakeml(draft);
    assertThat(init.exit()).as(init.err()).isZero();
    assertThat(init.out()).contains("next: bin/lakeml pipeline --conf " + conf);
    assertThat(java.nio.file.Files.readString(conf))
        .contains("\"Beak Length (mm)\" = beak_length_mm");
    Result plan = lakeml("pipeline", "--conf", conf.toString(), "--validate");
    assertThat(plan.exit()).as(plan.err()).isZero();
    assertThat(plan.out()).contains("penguins_multiclass");

    Result again = lakeml(draft);
    assertThat(again.exit()).isEqualTo(2);
    assertThat(again.err()).contains("exists; remove it or choose another file");
  }

  @Test
  void jobsListAndJobHelp() throws Exception {
    Result list = lakeml("--help");
    assertThat(list.exit()).isZero();
    Result help = lakeml("ingest", "--help");
    assertThat(help.exit()).isZero();
    assertThat(help.out()).contains("Usage: lakeml ingest").contains("--validate");
  }
}
