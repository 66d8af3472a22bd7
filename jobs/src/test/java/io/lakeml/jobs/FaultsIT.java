package io.lakeml.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakeml.io.LakeFiles;
import io.lakeml.lake.Lake;
import io.lakeml.lake.LakeTables;
import io.lakeml.lake.TableId;
import io.lakeml.model.ModelRegistry;
import io.lakeml.testing.ControlledFileIO;
import io.lakeml.testing.SameMetrics;
import io.lakeml.testing.SparkTestSession;
import io.lakeml.testing.TestConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a failure in the middle of a job leaves, with real processes and real tables: a driver
 * killed (SIGKILL) during the write of an ingest's re-run, and tasks whose first attempt fails
 * while ingest writes, while training reads and in the task that reads and writes the predictions.
 * Each time the date's rows stay readable and identical, nothing is counted twice, and the model
 * and the predictions are those of a run without faults.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultsIT {
  @TempDir static Path dir;
  private static final LocalDate D1 = LocalDate.of(2026, 11, 1);
  private List<String> sets;
  private List<Row> published;
  private long snapshot;

  @BeforeAll
  void aPublishedDay() {
    sets =
        List.of(
            "--conf",
            TestConfigs.pipeline("fraud.conf").toString(),
            "--run-date",
            D1.toString(),
            "--set",
            "lake.root=" + dir.resolve("lake").toUri(),
            "--set",
            "ingest.source.path=",
            "--set",
            "generate.rows=20000",
            "--set",
            "lake.catalog.properties.io-impl=" + ControlledFileIO.class.getName());
    assertThat(new TestLauncher().run("generate", sets.toArray(String[]::new)))
        .isEqualTo(ExitCode.OK);
    assertThat(new TestLauncher().run("ingest", sets.toArray(String[]::new)))
        .isEqualTo(ExitCode.OK);
    published =
        sorted(tables().readDays(curated(), OptionalLong.empty(), List.of(D1)).collectAsList());
    snapshot = tables().currentSnapshot(curated()).getAsLong();
  }

  private String[] with(String... more) {
    List<String> all = new ArrayList<>(sets);
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  /** {@code <job> <the day's options> <more>}, as a child JVM takes them. */
  private String[] job(String name, String... more) {
    List<String> all = new ArrayList<>();
    all.add(name);
    all.addAll(List.of(with(more)));
    return all.toArray(String[]::new);
  }

  private Lake lake() {
    return Lake.at(dir.resolve("lake").toUri().toString());
  }

  private LakeTables tables() {
    return LakeTables.of(SparkTestSession.get(), lake());
  }

  private TableId curated() {
    return lake().tableId(Lake.Zone.CURATED, "insurance_claims");
  }

  private static List<Row> sorted(List<Row> rows) {
    return rows.stream().sorted(java.util.Comparator.comparing(Row::toString)).toList();
  }

  private List<Path> dataFiles() throws Exception {
    Path data = Path.of(java.net.URI.create(curated().location())).resolve("data");
    try (Stream<Path> files = Files.walk(data)) {
      return files.filter(p -> p.toString().endsWith(".parquet")).toList();
    }
  }

  @Test
  void aDriverKilledDuringTheWriteOfARerunLeavesTheDayAsItWas() throws Exception {
    List<Path> before = dataFiles();
    ChildJvm child =
        ChildJvm.start(
            job("ingest", "--set", "lake.catalog.properties.test.pause-data-files-ms=1500"));
    Instant deadline = Instant.now().plusSeconds(240);
    while (child.alive()
        && dataFiles().size() == before.size()
        && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
    }
    assertThat(child.alive()).as("still writing when killed: %s", child.output()).isTrue();
    child.kill();

    assertThat(tables().currentSnapshot(curated())).hasValue(snapshot);
    assertThat(
            sorted(tables().readDays(curated(), OptionalLong.empty(), List.of(D1)).collectAsList()))
        .isEqualTo(published);

    // The next run succeeds and publishes the same day again.
    assertThat(new TestLauncher().run("ingest", with())).isEqualTo(ExitCode.OK);
    assertThat(
            sorted(tables().readDays(curated(), OptionalLong.empty(), List.of(D1)).collectAsList()))
        .isEqualTo(published);

    // The killed run's files belong to no snapshot: maintain removes them.
    TestLauncher maintain = new TestLauncher();
    assertThat(
            maintain.run(
                "maintain",
                with(
                    "--set",
                    "maintain.remove-orphans-older-than=0s",
                    "--set",
                    "maintain.compact=false")))
        .isEqualTo(ExitCode.OK);
    assertThat(maintain.stdout())
        .containsPattern(
            "curated.insurance_claims: \\d+ snapshots expired .* [1-9]\\d* orphan files removed");
    assertThat(
            sorted(tables().readDays(curated(), OptionalLong.empty(), List.of(D1)).collectAsList()))
        .isEqualTo(published);
  }

  @Test
  void aTaskWhoseFirstAttemptFailsWritingLeavesTheSameRowsOnce() throws Exception {
    ChildJvm child =
        ChildJvm.start(
            job(
                "ingest",
                "--set",
                "spark.master=local[2,3]",
                "--set",
                "lake.catalog.properties.test.fail-data-files=curated/insurance_claims",
                "--set",
                "lake.catalog.properties.test.fail-first-attempt-only=true"));
    assertThat(child.await()).as(child.output()).isZero();
    assertThat(child.output()).contains("injected failure creating");

    List<Row> after =
        sorted(tables().readDays(curated(), OptionalLong.empty(), List.of(D1)).collectAsList());
    assertThat(after).isEqualTo(published);
    assertThat(after.stream().distinct().count()).isEqualTo(after.size());
  }

  @Test
  void firstAttemptsFailingInTrainingAndScoringGiveTheSameModelAndPredictions() throws Exception {
    String curatedTable =
        "lake.catalog.properties.test.fail-first-read-of=curated/insurance_claims";
    assertThat(new TestLauncher().run("train", with())).isEqualTo(ExitCode.OK);
    int clean = latestVersion();
    assertThat(new TestLauncher().run("score", with("--set", "score.model-version=" + clean)))
        .isEqualTo(ExitCode.OK);
    List<Row> cleanPredictions = predictions();

    // Training and scoring again in one child JVM (one start-up): a pipeline of the two steps.
    ChildJvm child =
        ChildJvm.start(
            job(
                "pipeline",
                "--set",
                "pipeline.steps=[train, score]",
                "--set",
                "score.model-version=" + (clean + 1),
                "--set",
                "spark.master=local[2,3]",
                "--set",
                curatedTable));
    assertThat(child.await()).as(child.output()).isZero();
    String output = child.output();
    int scoring = output.indexOf("score     started");
    assertThat(scoring).as(output).isPositive();
    assertThat(output.substring(0, scoring)).contains("injected failure reading");
    // The failed attempt read the day and would have written its predictions in the same task.
    assertThat(output.substring(scoring)).contains("injected failure reading");

    int retried = latestVersion();
    assertThat(retried).isEqualTo(clean + 1);
    SameMetrics.assertSame(
        registry().resolve("fraud_lr", "" + retried).metadata().testMetrics(),
        registry().resolve("fraud_lr", "" + clean).metadata().testMetrics());
    assertThat(predictions()).isEqualTo(cleanPredictions);
  }

  private ModelRegistry registry() {
    return new ModelRegistry(lake(), LakeFiles.of(SparkTestSession.get()));
  }

  private int latestVersion() {
    List<Integer> versions = registry().versions("fraud_lr");
    return versions.get(versions.size() - 1);
  }

  /** The day's predictions without the version that made them, in a fixed order. */
  private List<Row> predictions() {
    TableId table = lake().tableId(Lake.Zone.PREDICTIONS, "fraud_lr");
    return sorted(
        tables()
            .readDays(table, OptionalLong.empty(), List.of(D1))
            .drop("model_version")
            .collectAsList());
  }
}
