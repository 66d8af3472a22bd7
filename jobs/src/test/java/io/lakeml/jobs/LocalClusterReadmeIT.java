package io.lakeml.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakeml.io.Json;
import io.lakeml.io.LakeFiles;
import io.lakeml.testing.S3ProxyServer;
import io.lakeml.testing.SparkTestSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The "Run on a local cluster" page's commands (docs/local-cluster.md), line by line, exactly as
 * written: start a real standalone master, two workers and the local S3 server, run the fraud
 * pipeline on them through real {@code spark-submit} in client mode, stop everything. Between the
 * run and the stop, the same cluster trains and evaluates the model once more on the page's lake in
 * cluster deploy mode with an executor killed during training, and must produce the same model; and
 * ingests the day again with a straggling task that speculation overtakes. One cluster serves all
 * three, because each application on it costs a minute or more of the build.
 */
class LocalClusterReadmeIT {
  private static final Path ROOT = ProjectCommand.ROOT;

  /** Where bin/cluster.sh keeps its workers' folders unless told otherwise. */
  private static final Path CLUSTER_DIR = ROOT.resolve("build/cluster");

  /** bin/cluster.sh --with-s3 starts the server here and uploads the sample to this key. */
  private static final String S3_ENDPOINT = "http://127.0.0.1:9090";

  private static final String LANDING = "s3a://lakeml/landing/insurance_claims.csv";
  private static final String README_LAKE = "s3a://lakeml/lake";

  private static List<String> commands;
  private static String clientRunOutput;
  private static SparkSession spark;

  private static List<String> readmeCommands() throws Exception {
    String section = Files.readString(ROOT.resolve("docs/local-cluster.md"));
    String block = section.substring(section.indexOf("```bash\n") + 8);
    block = block.substring(0, block.indexOf("```"));
    return block
        .lines()
        .map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("#"))
        .toList();
  }

  /** One line of the page through bash; it must succeed. */
  private static String run(String line) throws Exception {
    ProjectCommand.Result r =
        ProjectCommand.run(List.of("bash", "-c", line), Duration.ofMinutes(10));
    assertThat(r.exit()).as(line + "\n" + r.out()).isZero();
    return r.out();
  }

  /** The page's first two lines: the cluster and S3 server start, the pipeline runs on them. */
  @BeforeAll
  static void startAndRunAsTheReadmeSays() throws Exception {
    commands = readmeCommands();
    assertThat(commands).hasSize(3);
    assertThat(run(commands.get(0))).contains("master:  spark://127.0.0.1:7077");
    clientRunOutput = run(commands.get(1));
    spark = SparkTestSession.get();
    S3ProxyServer.configure(spark, S3_ENDPOINT);
  }

  /** The page's last line, whatever happened before. */
  @AfterAll
  static void stopAsTheReadmeSays() throws Exception {
    try {
      if (commands != null && commands.size() == 3) {
        assertThat(run(commands.get(2))).contains("cluster: stopped");
      }
    } finally {
      if (spark != null) {
        spark.conf().unset("spark.sql.sources.commitProtocolClass");
      }
    }
  }

  @Test
  void theReadmeRunFinishesOnTheClusterInClientMode() {
    assertThat(clientRunOutput)
        .contains("(Spark 3.5.7, spark://127.0.0.1:7077)")
        .contains("on lake " + README_LAKE)
        .contains("ROC AUC")
        .contains("pipeline SUCCEEDED");
    assertThat(metrics(README_LAKE)).containsKey("confusion_matrix");
  }

  private static Map<String, Object> metrics(String lake) {
    return metrics(lake, 1);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> metrics(String lake, int version) {
    return (Map<String, Object>)
        Json.readMap(
                LakeFiles.of(spark)
                    .readString(lake + "/reports/fraud_lr/" + version + "/metrics.json"))
            .get("metrics");
  }

  /**
   * The run date of the page's pipeline run: the command gives none, so it is the day the run
   * started (UTC), which the manifests' folder names.
   */
  private static String readmeRunDate() {
    List<String> days = LakeFiles.of(spark).childFolders(README_LAKE + "/runs/pipeline");
    assertThat(days).as("run dates of the page's pipeline runs").hasSize(1);
    String folder = days.get(0);
    return folder.substring(folder.lastIndexOf("run_date=") + "run_date=".length());
  }

  /** The lake's one pipeline run of {@code day} whose steps were {@code steps}. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> manifest(String lake, String day, List<String> steps) {
    LakeFiles files = LakeFiles.of(spark);
    List<Map<String, Object>> runs = new ArrayList<>();
    for (String f : files.files(lake + "/runs/pipeline/run_date=" + day, ".json")) {
      Map<String, Object> m = Json.readMap(files.readString(f));
      List<String> names =
          ((List<Map<String, Object>>) m.get("steps"))
              .stream().map(step -> (String) step.get("name")).toList();
      if (names.equals(steps)) {
        runs.add(m);
      }
    }
    assertThat(runs).as("pipeline runs of %s with steps %s", lake, steps).hasSize(1);
    return runs.get(0);
  }

  /**
   * Cluster deploy mode (the driver runs on a worker), with one executor JVM killed while the model
   * trains: Spark reruns the lost tasks on a replacement executor, the job finishes, and the model
   * — version 2, trained from the same snapshot of the page's lake — is the same as version 1 of
   * the page's client-mode run, which had no fault.
   */
  @Test
  void clusterModeWithAnExecutorKilledDuringTraining() throws Exception {
    AtomicLong killed = new AtomicLong(-1);
    StringBuffer seen = new StringBuffer();
    AtomicReference<Exception> failure = new AtomicReference<>();
    // Only this submission's driver counts: an earlier build's may still be in the workers'
    // folders.
    java.util.Set<Path> earlierDrivers = driverFolders();
    Thread killer =
        new Thread(
            () -> {
              try {
                while (!driverOutput(earlierDrivers).contains("train     started")) {
                  Thread.sleep(100);
                }
                Thread.sleep(4000);
                List<ProcessHandle> executors = executors();
                seen.append("train started seen; executors: ");
                executors.forEach(
                    p ->
                        seen.append(p.pid())
                            .append(" in ")
                            .append(workingDirectory(p))
                            .append("; "));
                // This cluster's executors run in its workers' folders.
                executors.stream()
                    .filter(p -> workingDirectory(p).startsWith(CLUSTER_DIR.toString()))
                    .findFirst()
                    .ifPresent(
                        p -> {
                          killed.set(p.pid());
                          p.destroyForcibly();
                        });
              } catch (Exception e) {
                failure.set(e);
              }
            });
    killer.setDaemon(true);
    killer.start();
    String day = readmeRunDate();
    ProjectCommand.Result submitted = submitInClusterMode(day);
    killer.join(60_000);

    assertThat(killed.get())
        .as("an executor was killed during training; " + failure.get() + "; " + seen)
        .isPositive();
    assertThat(submitted.exit()).as(submitted.out() + driverOutput(earlierDrivers)).isZero();
    Map<String, Object> m = manifest(README_LAKE, day, List.of("train", "evaluate"));
    assertThat(m).containsEntry("status", "SUCCEEDED");
    assertThat((String) m.get("spark_application_id")).startsWith("app-");
    assertThat(LakeFiles.of(spark).exists(README_LAKE + "/models/fraud_lr/2/metadata.json"))
        .isTrue();
    // The same model: identical counts; rates equal up to the last bits of a floating-point sum
    // whose partial sums may arrive in another order after the lost tasks are rerun.
    Map<String, Object> withFault = metrics(README_LAKE, 2);
    Map<String, Object> without = metrics(README_LAKE, 1);
    assertThat(withFault.get("confusion_matrix")).isEqualTo(without.get("confusion_matrix"));
    assertThat(withFault.keySet()).isEqualTo(without.keySet());
    for (String k : without.keySet()) {
      if (without.get(k) instanceof Double d) {
        assertThat((Double) withFault.get(k))
            .as(k)
            .isCloseTo(d, org.assertj.core.api.Assertions.within(1e-12));
      }
    }
  }

  /**
   * Speculative execution on the two-host cluster: the first attempt of one task writing the
   * curated table stalls, Spark runs a copy of it on the other worker's host, the copy's files are
   * committed and the straggler's are not. The day's rows are written once: the same rows as the
   * page's client-mode run's, none twice.
   */
  @Test
  void aStragglerIsOvertakenBySpeculationAndItsRowsAreWrittenOnce() throws Exception {
    String lake = "s3a://lakeml/speculation";
    Path events = Files.createTempDirectory("speculation-events");
    String testClasses =
        Files.list(ROOT.resolve("common/target"))
            .filter(p -> p.getFileName().toString().endsWith("-tests.jar"))
            .findFirst()
            .orElseThrow()
            .toString();
    ProjectCommand.Result r =
        ProjectCommand.run(
            List.of(
                ROOT.resolve("bin/lakeml").toString(),
                "--master",
                "spark://127.0.0.1:7077",
                "--jars",
                testClasses,
                "--conf",
                "spark.speculation=true",
                "--conf",
                "spark.speculation.interval=200ms",
                "--conf",
                "spark.speculation.quantile=0.5",
                "--conf",
                "spark.speculation.multiplier=2",
                "--conf",
                "spark.eventLog.enabled=true",
                "--conf",
                "spark.eventLog.dir=" + events.toUri(),
                "ingest",
                "--conf",
                ROOT.resolve("conf/pipelines/fraud.conf").toString(),
                "--env",
                "local-s3",
                "--run-date",
                "2026-11-01",
                "--set",
                "lake.root=" + lake,
                "--set",
                "lake.catalog.uri=" + catalog("speculation"),
                "--set",
                "ingest.source.path=" + LANDING,
                "--set",
                "lake.catalog.properties.io-impl=io.lakeml.testing.ControlledFileIO",
                "--set",
                "lake.catalog.properties.test.straggle-table=curated/insurance_claims",
                "--set",
                "lake.catalog.properties.test.straggle-data-files-ms=60000"),
            Duration.ofMinutes(5));
    assertThat(r.exit()).as(r.out()).isZero();
    String log;
    try (var files = Files.list(events)) {
      log = Files.readString(files.findFirst().orElseThrow());
    }
    assertThat(log)
        .as("a speculative attempt succeeded")
        .containsPattern(
            "\"Event\":\"SparkListenerTaskEnd\"[^\n]*\"Reason\":\"Success\"[^\n]*\"Speculative\":true");

    List<org.apache.spark.sql.Row> speculated = curated(lake, catalog("speculation"));
    List<org.apache.spark.sql.Row> readme = curated(README_LAKE, README_CATALOG);
    assertThat(speculated).hasSameSizeAs(readme).doesNotHaveDuplicates();
    assertThat(speculated).containsExactlyInAnyOrderElementsOf(readme);
  }

  /** The catalog of the page's lake, as bin/s3proxy.sh keeps it beside the S3 server. */
  private static final String README_CATALOG =
      "jdbc:sqlite:" + ROOT.resolve("build/s3proxy/lake-catalog.db");

  /** A catalog of its own for another lake on the same server: one catalog holds one lake. */
  private static String catalog(String lake) {
    return "jdbc:sqlite:" + ROOT.resolve("build/s3proxy/" + lake + "-catalog.db");
  }

  /** A lake's curated rows of its one day, without the run_date column. */
  private static List<org.apache.spark.sql.Row> curated(String lakeRoot, String catalog) {
    io.lakeml.lake.Lake lake =
        io.lakeml.testing.TestConfigs.load(
                null,
                "lake.root=" + lakeRoot,
                "lake.catalog.type=jdbc",
                "lake.catalog.uri=" + catalog)
            .lake();
    io.lakeml.lake.LakeTables tables = io.lakeml.lake.LakeTables.of(spark, lake);
    io.lakeml.lake.TableId id = lake.tableId(io.lakeml.lake.Lake.Zone.CURATED, "insurance_claims");
    List<java.time.LocalDate> days = tables.days(id, java.util.OptionalLong.empty());
    assertThat(days).hasSize(1);
    return tables
        .readDays(id, java.util.OptionalLong.empty(), days)
        .drop("run_date")
        .collectAsList();
  }

  /**
   * The page's pipeline command in cluster deploy mode, training and evaluating on the page's lake
   * for the page's run date (its catalog and configuration by absolute path: the driver runs in a
   * worker's folder); the submit client waits for the driver. bin/lakeml's {@code --env local-s3}
   * hands the S3 server's identity on.
   */
  private static ProjectCommand.Result submitInClusterMode(String day) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                ROOT.resolve("bin/lakeml").toString(),
                "--master",
                "spark://127.0.0.1:7077",
                "--deploy-mode",
                "cluster",
                "--conf",
                "spark.standalone.submit.waitAppCompletion=true",
                "pipeline",
                "--conf",
                ROOT.resolve("conf/pipelines/fraud.conf").toString(),
                "--env",
                "local-s3",
                "--run-date",
                day,
                "--set",
                "lake.root=" + README_LAKE,
                "--set",
                "lake.catalog.uri=" + README_CATALOG,
                // The fault is injected during training; the day's ingest, promotion and scoring
                // on the cluster are the client-mode run's to show.
                "--set",
                "pipeline.steps=[train, evaluate]"));
    return ProjectCommand.run(command, Duration.ofMinutes(10));
  }

  /**
   * What the cluster-mode driver has printed so far: it runs on a worker, which keeps its output in
   * {@code work-N/driver-ID/stdout} and {@code stderr}. Read as bytes: a live log may end inside a
   * multi-byte character.
   */
  private static String driverOutput(java.util.Set<Path> ignore) throws IOException {
    StringBuilder out = new StringBuilder();
    Path cluster = CLUSTER_DIR;
    if (!Files.isDirectory(cluster)) {
      return "";
    }
    try (var files = Files.walk(cluster)) {
      for (Path f :
          files
              .filter(f -> f.getParent().getFileName().toString().startsWith("driver-"))
              .filter(f -> !ignore.contains(f.getParent()))
              .filter(f -> Files.isRegularFile(f))
              .toList()) {
        out.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
      }
    } catch (java.io.UncheckedIOException | java.nio.file.NoSuchFileException e) {
      // A worker created or removed a folder while it was walked: what was read so far will do,
      // the caller asks again.
    }
    return out.toString();
  }

  /** The driver folders the workers hold now. */
  private static java.util.Set<Path> driverFolders() throws IOException {
    if (!Files.isDirectory(CLUSTER_DIR)) {
      return java.util.Set.of();
    }
    try (var files = Files.walk(CLUSTER_DIR, 2)) {
      return files
          .filter(f -> f.getFileName().toString().startsWith("driver-"))
          .collect(java.util.stream.Collectors.toSet());
    }
  }

  private static List<ProcessHandle> executors() {
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend"))
        .toList();
  }

  private static String workingDirectory(ProcessHandle p) {
    try {
      return Files.readSymbolicLink(Path.of("/proc", Long.toString(p.pid()), "cwd")).toString();
    } catch (IOException | UnsupportedOperationException e) {
      return "";
    }
  }
}
