package io.lakeml.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakeml.io.CommittedData;
import io.lakeml.io.Json;
import io.lakeml.io.LakeFiles;
import io.lakeml.lake.Lake;
import io.lakeml.model.ModelRegistry;
import io.lakeml.testing.SparkTestSession;
import io.lakeml.testing.TestConfigs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped daily-scoring and weekly-training pipelines through the command line, on four small
 * generated days whose last one is drawn from a shifted distribution. One fixture, built once, is
 * where a team's lake would stand on the fourth morning: all four days generated, the first three
 * ingested by a backfill, a champion trained weekly on them. Each test copies that lake and plays
 * one scenario on its copy, so the tests are independent of each other and of their order.
 */
class ScheduledPipelinesTest {
  @TempDir static Path shared;
  @TempDir Path dir;

  static final LocalDate D1 = LocalDate.of(2026, 11, 1);
  static final LocalDate D3 = D1.plusDays(2);
  static final LocalDate D4 = D1.plusDays(3);

  private static String backfillOutput;
  private final TestLauncher launcher = new TestLauncher();

  @BeforeAll
  static void fourDaysGeneratedThreeIngestedAndAWeeklyChampion() {
    TestLauncher setup = new TestLauncher();
    Path lake = shared.resolve("lake");
    assertThat(daily(setup, lake, "generate", "--from", D1.toString(), "--to", D4.toString()))
        .isEqualTo(ExitCode.OK);
    assertThat(daily(setup, lake, "ingest", "--from", D1.toString(), "--to", D3.toString()))
        .isEqualTo(ExitCode.OK);
    assertThat(
            run(
                setup,
                lake,
                "fraud-weekly-training.conf",
                new String[] {"pipeline", "--run-date", D3.toString()},
                "train.input-days=3"))
        .isEqualTo(ExitCode.OK);
    backfillOutput = setup.stdout();
  }

  @BeforeEach
  void copyTheFixtureLake() throws IOException {
    Path from = shared.resolve("lake");
    Path to = dir.resolve("lake");
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  @Test
  void aBackfillGeneratesAndIngestsEachDateInOrder() {
    assertThat(backfillOutput).contains("backfill 2026-11-01..2026-11-03: 3 dates done");
    for (LocalDate d = D1; !d.isAfter(D3); d = d.plusDays(1)) {
      assertThat(
              CommittedData.isCommitted(
                  files(), lake().partition(Lake.Zone.CURATED, "insurance_claims", d)))
          .as("curated %s", d)
          .isTrue();
    }
    assertThat(files().exists(lake().partition(Lake.Zone.CURATED, "insurance_claims", D4)))
        .as("D4 is left for the daily pipeline")
        .isFalse();
  }

  @Test
  void theWeeklyRetrainLearnsFromTheLastDaysAndBecomesChampion() {
    ModelRegistry.Version champion =
        new ModelRegistry(lake(), files()).resolve("fraud_weekly", ModelRegistry.CHAMPION);
    assertThat(champion.version()).isEqualTo(1);
    assertThat(champion.metadata().trainingData().paths()).hasSize(3);
    Map<String, Object> baseline =
        Json.readMap(files().readString(champion.path() + "/baseline.json"));
    assertThat(baseline).containsKeys("rows", "columns", "prediction");
    assertThat(((Map<?, ?>) baseline.get("prediction")).get("column")).isEqualTo("probability");
  }

  @Test
  @SuppressWarnings("unchecked")
  void dailyScoringAlertsOnlyOnTheShiftedDay() throws Exception {
    ExitCode code = daily("pipeline", "--from", D3.toString(), "--to", D4.toString());

    assertThat(code).isEqualTo(ExitCode.DRIFT_ALERT);
    assertThat(code.code()).isEqualTo(5);
    assertThat(launcher.stderr()).contains("2026-11-04: drift alert: ");
    assertThat(driftResult(D3).get("status")).isIn("ok", "warn");
    Map<String, Object> shifted = driftResult(D4);
    assertThat(shifted.get("status")).isEqualTo("alert");
    assertThat(String.join(" ", (List<String>) shifted.get("alerts")))
        .contains("total_claim_amount: PSI")
        .contains("auto_make:")
        .contains("new categories");
    assertThat(files().exists(lake().driftReport("fraud_weekly", D4) + "/index.html")).isTrue();

    Map<String, Object> manifest = newestManifest("pipeline", D4);
    assertThat(manifest.get("status")).isEqualTo("ALERT");
    assertThat(stepStatuses(manifest))
        .containsExactly(
            Map.entry("ingest", "SUCCEEDED"),
            Map.entry("score", "SUCCEEDED"),
            Map.entry("drift", "SUCCEEDED"));
    long curated =
        SparkTestSession.get()
            .read()
            .parquet(lake().partition(Lake.Zone.CURATED, "insurance_claims", D4))
            .count();
    assertThat(predictions(D4).count()).isEqualTo(curated).isPositive();
  }

  @Test
  void reRunningADateReplacesItsOutputsWithTheSameRows() {
    assertThat(daily("pipeline", "--run-date", D3.toString())).isIn(ExitCode.OK);
    Dataset<Row> before = predictions(D3);
    String folder = lake().partition(Lake.Zone.PREDICTIONS, "fraud_weekly", D3);
    int filesBefore = files().files(folder, ".parquet").size();

    assertThat(daily("pipeline", "--run-date", D3.toString())).isEqualTo(ExitCode.OK);

    Dataset<Row> after = predictions(D3);
    assertThat(after.count()).isEqualTo(before.count());
    assertThat(before.exceptAll(after).count()).isZero();
    assertThat(after.exceptAll(before).count()).isZero();
    assertThat(files().files(folder, ".parquet")).hasSize(filesBefore);
  }

  @Test
  void resumeSkipsTheCompletedStepsOfAFailedRun() throws Exception {
    Path alias =
        Path.of(java.net.URI.create(lake().table(Lake.Zone.MODELS, "fraud_weekly")))
            .resolve("_aliases/champion.json");
    Path away = alias.resolveSibling("champion.json.away");
    Files.move(alias, away);
    try {
      assertThat(daily("pipeline", "--run-date", D4.toString())).isEqualTo(ExitCode.JOB_FAILURE);
      assertThat(stepStatuses(newestManifest("pipeline", D4)))
          .containsEntry("ingest", "SUCCEEDED")
          .containsEntry("score", "FAILED")
          .doesNotContainKey("drift");
    } finally {
      Files.move(away, alias);
    }

    assertThat(daily("pipeline", "--run-date", D4.toString(), "--resume"))
        .isEqualTo(ExitCode.DRIFT_ALERT);
    assertThat(stepStatuses(newestManifest("pipeline", D4)))
        .containsExactly(
            Map.entry("ingest", "SKIPPED"),
            Map.entry("score", "SUCCEEDED"),
            Map.entry("drift", "SUCCEEDED"));
    assertThat(launcher.stdout()).contains("ingest    skipped: complete since run ");
  }

  @Test
  void forceRunsAStepAgainAndEveryStepAfterIt() throws Exception {
    assertThat(daily("pipeline", "--run-date", D4.toString())).isEqualTo(ExitCode.DRIFT_ALERT);
    assertThat(daily("pipeline", "--run-date", D4.toString(), "--force", "score"))
        .isEqualTo(ExitCode.DRIFT_ALERT);
    assertThat(stepStatuses(newestManifest("pipeline", D4)))
        .containsExactly(
            Map.entry("ingest", "SKIPPED"),
            Map.entry("score", "SUCCEEDED"),
            Map.entry("drift", "SUCCEEDED"));
  }

  @Test
  void resumingACompleteDateSkipsEverythingAndKeepsItsAlert() throws Exception {
    assertThat(daily("pipeline", "--run-date", D4.toString())).isEqualTo(ExitCode.DRIFT_ALERT);
    assertThat(daily("pipeline", "--run-date", D4.toString(), "--resume"))
        .isEqualTo(ExitCode.DRIFT_ALERT);
    assertThat(stepStatuses(newestManifest("pipeline", D4)).values())
        .containsExactly("SKIPPED", "SKIPPED", "SKIPPED");
    assertThat(launcher.stderr()).contains("drift alert: as recorded by run ");
  }

  private ExitCode daily(String... args) {
    return daily(launcher, dir.resolve("lake"), args);
  }

  private static ExitCode daily(TestLauncher launcher, Path lake, String... args) {
    return run(
        launcher,
        lake,
        "fraud-daily-scoring.conf",
        args,
        "generate.rows=300",
        "generate.shift.from=" + D4);
  }

  private static ExitCode run(
      TestLauncher launcher, Path lake, String conf, String[] args, String... sets) {
    List<String> all = new ArrayList<>(List.of(args));
    String job = all.remove(0);
    all.addAll(
        List.of(
            "--conf", TestConfigs.pipeline(conf).toString(), "--set", "lake.root=" + lake.toUri()));
    for (String s : sets) {
      all.addAll(List.of("--set", s));
    }
    return launcher.run(job, all.toArray(String[]::new));
  }

  private Lake lake() {
    return Lake.at(dir.resolve("lake").toUri().toString());
  }

  private static LakeFiles files() {
    return LakeFiles.of(SparkTestSession.get());
  }

  private Map<String, Object> driftResult(LocalDate day) {
    return Json.readMap(
        files().readString(lake().driftReport("fraud_weekly", day) + "/drift.json"));
  }

  /** The newest manifest of a job for a day. */
  private Map<String, Object> newestManifest(String job, LocalDate day) {
    Path folder = Path.of(java.net.URI.create(lake().partition(Lake.Zone.RUNS, job, day)));
    try (Stream<Path> manifests = Files.list(folder)) {
      Path newest =
          manifests
              .filter(p -> p.toString().endsWith(".json"))
              .max(Comparator.comparing(Path::toString))
              .orElseThrow();
      return Json.readMap(Files.readString(newest));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> stepStatuses(Map<String, Object> manifest) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map<String, Object> s : (List<Map<String, Object>>) manifest.get("steps")) {
      out.put((String) s.get("name"), (String) s.get("status"));
    }
    return out;
  }

  private Dataset<Row> predictions(LocalDate day) {
    SparkSession spark = SparkTestSession.get();
    Dataset<Row> read =
        spark.read().parquet(lake().partition(Lake.Zone.PREDICTIONS, "fraud_weekly", day));
    return spark.createDataFrame(read.collectAsList(), read.schema());
  }
}
