package io.lakeml.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakeml.io.Json;
import io.lakeml.io.LakeFiles;
import io.lakeml.testing.S3ProxyServer;
import io.lakeml.testing.SparkTestSession;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fraud pipeline submitted with real {@code spark-submit} (through {@code bin/lakeml}) to a
 * real standalone master and two workers ({@code bin/cluster.sh}), in client and in cluster deploy
 * mode, with the lake on a real S3-compatible server through {@code s3a://}.
 */
class StandaloneClusterIT {
  private static final Path ROOT =
      Path.of(System.getProperty("lakeml.project.root")).toAbsolutePath().normalize();
  private static final String LANDING = "s3a://lakeml/landing/insurance_claims.csv";

  @TempDir static Path dir;
  private static S3ProxyServer s3;
  private static SparkSession spark;
  private static int masterPort;
  private static int uiPort;

  @BeforeAll
  static void start() throws Exception {
    s3 = S3ProxyServer.start(dir.resolve("s3proxy"));
    spark = SparkTestSession.get();
    s3.configure(spark);
    LakeFiles.of(spark)
        .writeString(
            LANDING,
            Files.readString(ROOT.resolve("data-samples/insurance_claims/insurance_claims.csv")));
    masterPort = freePort();
    uiPort = freePort();
    run(
        List.of(ROOT.resolve("bin/cluster.sh").toString(), "start"),
        Map.of(),
        dir.resolve("cluster-start.log"));
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      run(
          List.of(ROOT.resolve("bin/cluster.sh").toString(), "stop"),
          Map.of(),
          dir.resolve("cluster-stop.log"));
    } finally {
      spark.conf().unset("spark.sql.sources.commitProtocolClass");
      s3.close();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static Map<String, String> clusterEnv() {
    return Map.of(
        "LAKEML_CLUSTER_DIR", dir.resolve("cluster").toString(),
        "LAKEML_CLUSTER_PORT", Integer.toString(masterPort),
        "LAKEML_CLUSTER_UI_PORT", Integer.toString(uiPort));
  }

  private static int run(List<String> command, Map<String, String> env, Path log)
      throws IOException, InterruptedException {
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(ROOT.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().putAll(clusterEnv());
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError(command + " did not finish in 10 minutes");
    }
    if (command.get(0).endsWith("cluster.sh") && p.exitValue() != 0) {
      throw new AssertionError(
          command + " failed: " + Files.readString(log, StandardCharsets.UTF_8));
    }
    return p.exitValue();
  }

  private int submit(String deployMode, String lake, Path log) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                ROOT.resolve("bin/lakeml").toString(),
                "--master",
                "spark://127.0.0.1:" + masterPort,
                "--deploy-mode",
                deployMode,
                "--conf",
                "spark.standalone.submit.waitAppCompletion=true",
                // Executors are started by the workers, not by this shell: give them the
                // (loopback test server's) credentials explicitly.
                "--conf",
                "spark.executorEnv.AWS_ACCESS_KEY_ID=" + S3ProxyServer.IDENTITY,
                "--conf",
                "spark.executorEnv.AWS_SECRET_ACCESS_KEY=" + S3ProxyServer.CREDENTIAL,
                "--executor-memory",
                "1g",
                "pipeline",
                "--conf",
                ROOT.resolve("conf/pipelines/fraud.conf").toString(),
                "--env",
                "local-s3",
                "--run-date",
                "2026-11-01",
                "--set",
                "lake.root=" + lake,
                "--set",
                "ingest.source.path=" + LANDING));
    return run(
        command,
        Map.of(
            "AWS_ACCESS_KEY_ID", S3ProxyServer.IDENTITY,
            "AWS_SECRET_ACCESS_KEY", S3ProxyServer.CREDENTIAL,
            "LAKEML_S3_ENDPOINT", s3.endpoint()),
        log);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> manifest(String lake) {
    LakeFiles files = LakeFiles.of(spark);
    List<String> manifests = files.files(lake + "/runs/pipeline/run_date=2026-11-01", ".json");
    assertThat(manifests).hasSize(1);
    return Json.readMap(files.readString(manifests.get(0)));
  }

  @Test
  void clientMode() throws Exception {
    String lake = "s3a://lakeml/client";
    Path log = dir.resolve("client.log");
    int exit = submit("client", lake, log);
    String out = Files.readString(log, StandardCharsets.UTF_8);

    assertThat(exit).as(out).isZero();
    assertThat(out)
        .contains("spark://127.0.0.1:" + masterPort)
        .contains("ROC AUC")
        .contains("pipeline SUCCEEDED");
    assertThat(manifest(lake)).containsEntry("status", "SUCCEEDED");
    assertThat(
            LakeFiles.of(spark).exists(lake + "/predictions/fraud_lr/run_date=2026-11-01/_SUCCESS"))
        .isTrue();
  }

  @Test
  void clusterMode() throws Exception {
    String lake = "s3a://lakeml/cluster";
    Path log = dir.resolve("cluster.log");
    int exit = submit("cluster", lake, log);

    assertThat(exit).as(Files.readString(log, StandardCharsets.UTF_8)).isZero();
    Map<String, Object> m = manifest(lake);
    assertThat(m).containsEntry("status", "SUCCEEDED");
    assertThat((String) m.get("spark_application_id")).startsWith("app-");
    assertThat(LakeFiles.of(spark).exists(lake + "/models/fraud_lr/1/metadata.json")).isTrue();
    assertThat(
            LakeFiles.of(spark).exists(lake + "/predictions/fraud_lr/run_date=2026-11-01/_SUCCESS"))
        .isTrue();
  }
}
