package io.lakeml.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakeml.testing.TestConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's contract: exit codes, messages, and no Spark before the configuration is good. */
class LauncherTest {
  @TempDir Path dir;

  private final TestLauncher launcher = new TestLauncher();
  private final java.util.concurrent.atomic.AtomicInteger sessionsOpened = launcher.sessionsOpened;

  private ExitCode run(String job, String... args) {
    return launcher.run(job, args);
  }

  private String fraud() {
    return TestConfigs.pipeline("fraud.conf").toString();
  }

  private String lake() {
    return "lake.root=" + dir.resolve("lake").toUri();
  }

  private String stdout() {
    return launcher.stdout();
  }

  private String stderr() {
    return launcher.stderr();
  }

  @Test
  void badSetValueIsAConfigErrorNamingTheKeyAndNoSparkStarts() {
    ExitCode code = run("train", "--conf", fraud(), "--set", "train.params.max-iter=-5");

    assertThat(code).isEqualTo(ExitCode.CONFIG_ERROR);
    assertThat(code.code()).isEqualTo(2);
    assertThat(stderr())
        .contains(
            "configuration error: train.params.max-iter: expected a whole number in [1, 100000], got: '-5'");
    assertThat(sessionsOpened).hasValue(0);
  }

  @Test
  void unknownOptionIsAUsageError() {
    assertThat(run("ingest", "--confg", fraud())).isEqualTo(ExitCode.CONFIG_ERROR);
    assertThat(stderr()).contains("Unknown options: '--confg'").contains("Usage: lakeml ingest");
  }

  @Test
  void badRunDateIsAUsageError() {
    assertThat(run("ingest", "--conf", fraud(), "--run-date", "2026-13-01"))
        .isEqualTo(ExitCode.CONFIG_ERROR);
    assertThat(stderr()).contains("--run-date").contains("2026-13-01");
  }

  @Test
  void unknownJob() {
    assertThat(run("deploy")).isEqualTo(ExitCode.CONFIG_ERROR);
    assertThat(stderr()).contains("unknown job 'deploy'");
  }

  @Test
  void helpListsTheOptions() {
    assertThat(run("score", "--help")).isEqualTo(ExitCode.OK);
    assertThat(stdout())
        .contains("Usage: lakeml score")
        .contains("--conf=FILE")
        .contains("--env=NAME")
        .contains("--run-date=YYYY-MM-DD")
        .contains("--set=KEY=VALUE")
        .contains("--validate")
        .contains("--from=YYYY-MM-DD")
        .contains("--to=YYYY-MM-DD")
        .contains("Exit codes: 0 ok, 2 usage/config error, 3 data-quality failure, 4 job failure,")
        .contains("5 drift alert.");
  }

  @Test
  void badBackfillAndResumeOptionsAreUsageErrorsAndNoSparkStarts() {
    assertThat(run("ingest", "--conf", fraud(), "--from", "2026-11-03"))
        .isEqualTo(ExitCode.CONFIG_ERROR);
    assertThat(stderr()).contains("--from and --to go together, got only one of them");
    assertThat(run("ingest", "--conf", fraud(), "--from", "2026-11-03", "--to", "2026-11-01"))
        .isEqualTo(ExitCode.CONFIG_ERROR);
    assertThat(stderr()).contains("--to must not be before --from, got: 2026-11-03 .. 2026-11-01");
    assertThat(
            run(
                "ingest",
                "--conf",
                fraud(),
                "--run-date",
                "2026-11-01",
                "--from",
                "2026-11-01",
                "--to",
                "2026-11-02"))
        .isEqualTo(ExitCode.CONFIG_ERROR);
    assertThat(stderr()).contains("--run-date and --from/--to exclude each other");
    assertThat(run("score", "--conf", fraud(), "--resume")).isEqualTo(ExitCode.CONFIG_ERROR);
    assertThat(stderr())
        .contains("--resume and --force apply to the steps of 'pipeline', not to 'score'");
    assertThat(run("pipeline", "--conf", fraud(), "--force", "deploy"))
        .isEqualTo(ExitCode.CONFIG_ERROR);
    assertThat(stderr())
        .contains(
            "--force: expected a step of pipeline.steps [ingest, train, evaluate, promote, score], got: 'deploy'");
    assertThat(sessionsOpened).hasValue(0);
  }

  @Test
  void validateOfABackfillNamesEveryDate() {
    assertThat(
            run(
                "ingest",
                "--conf",
                fraud(),
                "--from",
                "2026-11-01",
                "--to",
                "2026-11-07",
                "--validate"))
        .isEqualTo(ExitCode.OK);
    assertThat(stdout())
        .contains("run dates: 2026-11-01 .. 2026-11-07 (7, in order; the plan of the first)");
    assertThat(sessionsOpened).hasValue(0);
  }

  @Test
  void aScheduledRunProcessesTheDayBeforeItsScheduleByDefault() {
    assertThat(
            run(
                "pipeline",
                "--conf",
                fraud(),
                "--scheduled-time",
                "2026-11-02T02:00:00Z",
                "--validate"))
        .isEqualTo(ExitCode.OK);
    assertThat(stdout()).contains("run date: 2026-11-01");

    TestLauncher sameDay = new TestLauncher();
    assertThat(
            sameDay.run(
                "ingest",
                "--conf",
                fraud(),
                "--scheduled-time",
                "2026-11-02T23:59:59Z",
                "--set",
                "pipeline.run-date-lag=0d",
                "--validate"))
        .isEqualTo(ExitCode.OK);
    assertThat(sameDay.stdout()).contains("run date: 2026-11-02");
    assertThat(sessionsOpened).hasValue(0);
  }

  @Test
  void aScheduledTimeIsAnInstantAndExcludesARunDate() {
    assertThat(run("pipeline", "--conf", fraud(), "--scheduled-time", "2026-11-02 02:00"))
        .isEqualTo(ExitCode.CONFIG_ERROR);
    assertThat(stderr())
        .contains(
            "--scheduled-time: expected an ISO-8601 instant such as 2026-11-02T02:00:00Z, got: '2026-11-02 02:00'");
    assertThat(
            new TestLauncher()
                .run(
                    "pipeline",
                    "--conf",
                    fraud(),
                    "--scheduled-time",
                    "2026-11-02T02:00:00Z",
                    "--run-date",
                    "2026-11-01"))
        .isEqualTo(ExitCode.CONFIG_ERROR);
  }

  @Test
  void validatePrintsThePlanAndStartsNoSpark() {
    ExitCode code =
        run(
            "pipeline",
            "--conf",
            fraud(),
            "--run-date",
            "2026-11-01",
            "--set",
            lake(),
            "--validate");

    assertThat(code).isEqualTo(ExitCode.OK);
    assertThat(sessionsOpened).hasValue(0);
    assertThat(stdout())
        .contains("configuration OK (no Spark started)")
        .contains("1. ingest ")
        .contains(
            "-> curated.insurance_claims and rejects -> quarantine.insurance_claims for run_date 2026-11-01")
        .contains("2. train logistic-regression")
        .contains("3. evaluate fraud_lr")
        .contains("4. promote fraud_lr")
        .contains("5. score ")
        .contains("--set " + lake())
        .contains("env test (built into the jar)")
        .contains("digest:   sha256:");
  }

  @Test
  void dataQualityFailureHasItsOwnExitCode() throws Exception {
    Path empty = dir.resolve("empty.csv");
    Files.writeString(
        empty, String.join(",", io.lakeml.generate.FraudClaimsGenerator.COLUMNS) + "\n");

    ExitCode code =
        run(
            "ingest",
            "--conf",
            fraud(),
            "--set",
            lake(),
            "--set",
            "ingest.source.path=" + empty.toUri());

    assertThat(code).isEqualTo(ExitCode.DATA_QUALITY_FAILURE);
    assertThat(code.code()).isEqualTo(3);
    assertThat(stderr()).contains("data-quality failure: ingest: ").contains("has no rows");
  }

  @Test
  void anyOtherFailureIsAJobFailure() {
    // Scoring with a model that was never trained.
    ExitCode code = run("score", "--conf", fraud(), "--set", lake());

    assertThat(code).isEqualTo(ExitCode.JOB_FAILURE);
    assertThat(code.code()).isEqualTo(4);
    assertThat(stderr()).contains("job failed: ");
  }
}
