package io.lakeml.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakeml.io.Json;
import io.lakeml.io.LakeFiles;
import io.lakeml.lake.Lake;
import io.lakeml.lake.LakeTables;
import io.lakeml.lake.TableId;
import io.lakeml.model.ModelRegistry;
import io.lakeml.model.TrainingData;
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
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped daily-scoring and weekly-training pipelines through the command line, on four small
 * generated days whose last one is drawn from a shifted distribution: one scenario, a team's first
 * week, asserted at every stage. The lake's tables are Iceberg tables whose metadata holds absolute
 * paths, so a lake cannot be copied per test; the stages share one lake, in the order a week runs.
 */
class ScheduledPipelinesTest {
  @TempDir static Path dir;

  static final LocalDate D1 = LocalDate.of(2026, 11, 1);
  static final LocalDate D3 = D1.plusDays(2);
  static final LocalDate D4 = D1.plusDays(3);

  private final TestLauncher launcher = new TestLauncher();

  @Test
  void aWeekOfScheduledRuns() throws Exception {
    aBackfillGeneratesAndIngestsEachDateInOrder();
    theWeeklyRetrainLearnsFromTheLastDaysAndBecomesChampion();
    resumeSkipsTheCompletedStepsOfAFailedRun();
    dailyScoringAlertsOnlyOnTheShiftedDay();
    resumingACompleteDateSkipsEverythingAndKeepsItsAlert();
    forceRunsAStepAgainAndEveryStepAfterIt();
    reRunningADateReplacesItsOutputsWithTheSameRows();
  }

  private void aBackfillGeneratesAndIngestsEachDateInOrder() {
    assertThat(daily("generate", "--from", D1.toString(), "--to", D4.toString()))
        .isEqualTo(ExitCode.OK);
    assertThat(daily("ingest", "--from", D1.toString(), "--to", D3.toString()))
        .isEqualTo(ExitCode.OK);
    assertThat(launcher.stdout()).contains("backfill 2026-11-01..2026-11-03: 3 dates done");
    assertThat(tables().days(curated(), OptionalLong.empty()))
        .as("D4 is left for the daily pipeline")
        .containsExactly(D1, D1.plusDays(1), D3);
  }

  private void theWeeklyRetrainLearnsFromTheLastDaysAndBecomesChampion() {
    assertThat(
            run(
                launcher,
                dir.resolve("lake"),
                "fraud-weekly-training.conf",
                new String[] {"pipeline", "--run-date", D3.toString()},
                "train.input-days=3"))
        .isEqualTo(ExitCode.OK);
    ModelRegistry.Version champion =
        new ModelRegistry(lake(), files()).resolve("fraud_weekly", ModelRegistry.CHAMPION);
    assertThat(champion.version()).isEqualTo(1);
    TrainingData.TableSnapshot data = champion.metadata().trainingData().table().orElseThrow();
    assertThat(data.table()).isEqualTo("lake.curated.insurance_claims");
    assertThat(data.runDates()).containsExactly(D1, D1.plusDays(1), D3);
    Map<String, Object> baseline =
        Json.readMap(files().readString(champion.path() + "/baseline.json"));
    assertThat(baseline).containsKeys("rows", "columns", "prediction");
    assertThat(((Map<?, ?>) baseline.get("prediction")).get("column")).isEqualTo("probability");
  }

  private void resumeSkipsTheCompletedStepsOfAFailedRun() throws Exception {
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

  @SuppressWarnings("unchecked")
  private void dailyScoringAlertsOnlyOnTheShiftedDay() {
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
    long curatedRows = tables().rowsPerDay(curated(), OptionalLong.empty()).get(D4);
    assertThat(predictions(D4).count()).isEqualTo(curatedRows).isPositive();
  }

  private void resumingACompleteDateSkipsEverythingAndKeepsItsAlert() {
    assertThat(daily("pipeline", "--run-date", D4.toString(), "--resume"))
        .isEqualTo(ExitCode.DRIFT_ALERT);
    assertThat(stepStatuses(newestManifest("pipeline", D4)).values())
        .containsExactly("SKIPPED", "SKIPPED", "SKIPPED");
    assertThat(launcher.stderr()).contains("drift alert: as recorded by run ");
  }

  private void forceRunsAStepAgainAndEveryStepAfterIt() {
    assertThat(daily("pipeline", "--run-date", D4.toString(), "--force", "score"))
        .isEqualTo(ExitCode.DRIFT_ALERT);
    assertThat(stepStatuses(newestManifest("pipeline", D4)))
        .containsExactly(
            Map.entry("ingest", "SKIPPED"),
            Map.entry("score", "SUCCEEDED"),
            Map.entry("drift", "SUCCEEDED"));
  }

  private void reRunningADateReplacesItsOutputsWithTheSameRows() {
    assertThat(daily("pipeline", "--run-date", D3.toString())).isIn(ExitCode.OK);
    Dataset<Row> before = predictions(D3);
    TableId predictions = lake().tableId(Lake.Zone.PREDICTIONS, "fraud_weekly");
    Map<LocalDate, Long> rowsBefore = tables().rowsPerDay(predictions, OptionalLong.empty());

    assertThat(daily("pipeline", "--run-date", D3.toString())).isEqualTo(ExitCode.OK);

    Dataset<Row> after = predictions(D3);
    assertThat(after.count()).isEqualTo(before.count());
    assertThat(before.exceptAll(after).count()).isZero();
    assertThat(after.exceptAll(before).count()).isZero();
    assertThat(tables().rowsPerDay(predictions, OptionalLong.empty())).isEqualTo(rowsBefore);
  }

  private ExitCode daily(String... args) {
    return daily(launcher, dir.resolve("lake"), args);
  }

  private LakeTables tables() {
    return LakeTables.of(SparkTestSession.get(), lake());
  }

  private TableId curated() {
    return lake().tableId(Lake.Zone.CURATED, "insurance_claims");
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
        tables()
            .readDays(
                lake().tableId(Lake.Zone.PREDICTIONS, "fraud_weekly"),
                OptionalLong.empty(),
                List.of(day));
    return spark.createDataFrame(read.collectAsList(), read.schema());
  }
}
