package io.lakeml.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.lakeml.io.LakeFiles;
import io.lakeml.lake.Lake;
import io.lakeml.lake.LakeTables;
import io.lakeml.ml.Metrics;
import io.lakeml.model.ModelRegistry;
import io.lakeml.run.RunManifest;
import io.lakeml.testing.FaultProxy;
import io.lakeml.testing.S3ProxyServer;
import io.lakeml.testing.SameMetrics;
import io.lakeml.testing.SparkTestSession;
import io.lakeml.testing.TestConfigs;
import io.lakeml.testing.TestRuns;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transient S3 faults absorbed: the fraud pipeline with its lake on a local S3 server, once
 * directly and once through {@link FaultProxy} (a share of requests answered 503 SlowDown, a share
 * of connections reset), with the S3A retry settings {@code conf/env/local-s3.conf} ships. The
 * faulted run succeeds, its manifest counts the retries and throttled requests, and its curated
 * day, model and predictions are those of the clean run.
 */
class S3FaultsIT {
  @TempDir static Path state;

  private static final Path SAMPLE =
      TestConfigs.projectRoot().resolve("data-samples/insurance_claims/insurance_claims.csv");

  /** What a pipeline run leaves that must not depend on faults. */
  private record Outputs(List<Row> curated, Metrics testMetrics, List<Row> predictions) {}

  @Test
  void thePipelineThroughThrottlingAndResetsLeavesWhatACleanRunLeaves() throws Exception {
    SparkSession spark = SparkTestSession.get();
    try (S3ProxyServer s3 = S3ProxyServer.start(state.resolve("s3"));
        FaultProxy proxy = FaultProxy.start(s3.port(), 0.015, 0.015, 42)) {
      direct(spark, s3);
      // The clean run needs only the steps whose outputs are compared.
      LakemlConfig clean =
          config("clean", "pipeline.steps=[ingest, train, score]", "score.model-version=latest");
      long started = System.nanoTime();
      RunManifest cleanRun = new TestRuns().run(new PipelineJob(), clean);
      long cleanMs = (System.nanoTime() - started) / 1_000_000;

      S3ProxyServer.configure(spark, proxy.endpoint());
      spark.sparkContext().hadoopConfiguration().set("fs.s3a.secret.key", s3.credential());
      shippedRetrySettings(spark.sparkContext().hadoopConfiguration());
      LakemlConfig faulted = config("faulted");
      started = System.nanoTime();
      RunManifest run = new TestRuns().run(new PipelineJob(), faulted);
      long faultedMs = (System.nanoTime() - started) / 1_000_000;
      FaultProxy.Faults faults = proxy.faults();
      System.out.printf(
          "S3FaultsIT: clean %d ms, %d S3 requests; through faults %d ms, %s, %d S3 requests%n",
          cleanMs, total(cleanRun, "s3_requests"), faultedMs, faults, total(run, "s3_requests"));

      assertThat(run.status()).isEqualTo(RunManifest.Status.SUCCEEDED);
      assertThat(faults.throttled()).as("%s", faults).isPositive();
      assertThat(faults.resets()).as("%s", faults).isPositive();
      assertThat(total(run, "s3_throttled")).as("throttled requests in the manifest").isPositive();
      // Every throttled request and every reset connection was tried again.
      assertThat(
              inStepsOf(cleanRun, run, "s3_requests")
                  - inStepsOf(cleanRun, cleanRun, "s3_requests"))
          .as("requests beyond the clean run's in the same steps")
          .isGreaterThanOrEqualTo(inStepsOf(cleanRun, run, "s3_throttled"));

      direct(spark, s3);
      Outputs expected = outputs(spark, clean);
      Outputs actual = outputs(spark, faulted);
      assertThat(actual.curated()).hasSize(expected.curated().size()).isEqualTo(expected.curated());
      SameMetrics.assertSame(actual.testMetrics(), expected.testMetrics());
      assertThat(actual.predictions()).isNotEmpty().isEqualTo(expected.predictions());
    }
  }

  /** The session's S3A client talks to the server itself, with the shipped retry settings. */
  private static void direct(SparkSession spark, S3ProxyServer s3) {
    s3.configure(spark);
    shippedRetrySettings(spark.sparkContext().hadoopConfiguration());
  }

  /** The {@code fs.s3a} retry and attempt settings of {@code conf/env/local-s3.conf}. */
  private static void shippedRetrySettings(Configuration hadoop) {
    Config env =
        ConfigFactory.parseFile(
                TestConfigs.projectRoot().resolve("conf/env/local-s3.conf").toFile())
            .resolve();
    int applied = 0;
    for (var e : env.getObject("spark.conf").entrySet()) {
      String key = e.getKey();
      if (key.startsWith("spark.hadoop.fs.s3a.")
          && (key.contains(".retry.") || key.endsWith(".attempts.maximum"))) {
        hadoop.set(key.substring("spark.hadoop.".length()), e.getValue().unwrapped().toString());
        applied++;
      }
    }
    assertThat(applied).as("retry settings in conf/env/local-s3.conf").isGreaterThanOrEqualTo(4);
  }

  private static LakemlConfig config(String name, String... sets) {
    List<String> all = new ArrayList<>();
    all.add("lake.root=s3a://" + S3ProxyServer.BUCKET + "/" + name);
    all.add("lake.catalog.type=jdbc");
    all.add("lake.catalog.uri=jdbc:sqlite:" + state.resolve(name + "-catalog.db"));
    all.add("ingest.source.path=" + SAMPLE.toUri());
    all.addAll(List.of(sets));
    return TestConfigs.load(TestConfigs.pipeline("fraud.conf"), all.toArray(String[]::new));
  }

  private static long total(RunManifest run, String count) {
    return run.steps().stream()
        .mapToLong(s -> ((Number) s.counts().getOrDefault(count, 0L)).longValue())
        .sum();
  }

  /** The count in {@code run}, over the steps {@code reference} also ran. */
  private static long inStepsOf(RunManifest reference, RunManifest run, String count) {
    List<String> names = reference.steps().stream().map(s -> s.name()).toList();
    return run.steps().stream()
        .filter(s -> names.contains(s.name()))
        .mapToLong(s -> ((Number) s.counts().getOrDefault(count, 0L)).longValue())
        .sum();
  }

  private static Outputs outputs(SparkSession spark, LakemlConfig c) {
    LakeTables tables = LakeTables.of(spark, c.lake());
    List<java.time.LocalDate> day = List.of(TestRuns.DAY);
    List<Row> curated =
        tables
            .readDays(c.lake().tableId(Lake.Zone.CURATED, c.dataset()), OptionalLong.empty(), day)
            .collectAsList();
    List<Row> predictions =
        tables
            .readDays(
                c.lake().tableId(Lake.Zone.PREDICTIONS, "fraud_lr"), OptionalLong.empty(), day)
            .collectAsList();
    Metrics metrics =
        new ModelRegistry(c.lake(), LakeFiles.of(spark))
            .resolve("fraud_lr", "1")
            .metadata()
            .testMetrics();
    return new Outputs(sorted(curated), metrics, sorted(predictions));
  }

  private static List<Row> sorted(List<Row> rows) {
    return rows.stream().sorted(Comparator.comparing(Row::toString)).toList();
  }
}
