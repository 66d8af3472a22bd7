package io.lakeml.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakeml.testing.S3ProxyServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A secret never persists: the fraud pipeline on a local S3 server whose secret key is given both
 * in the environment (as AWS's tools take it) and with {@code --set} (as a user might), through
 * {@code bin/lakeml} and the real spark-submit, with Spark's event log on. The process list is
 * watched while it runs; afterwards every object of the bucket and every file the run wrote locally
 * is searched. The secret appears nowhere.
 */
class SecretsIT {
  @TempDir Path dir;
  @TempDir Path s3State;

  @Test
  void aSecretGivenInTheEnvironmentAndWithSetIsFoundNowhere() throws Exception {
    String secret = "sEcReT-" + UUID.randomUUID();
    try (S3ProxyServer s3 = S3ProxyServer.start(s3State, secret)) {
      Path events = Files.createDirectories(dir.resolve("events"));
      Path log = dir.resolve("run.log");
      List<String> command =
          List.of(
              ProjectCommand.ROOT.resolve("bin/lakeml").toString(),
              "--conf",
              "spark.eventLog.enabled=true",
              "--conf",
              "spark.eventLog.dir=" + events.toUri(),
              "pipeline",
              "--conf",
              "conf/pipelines/fraud.conf",
              "--env",
              "local-s3",
              "--run-date",
              "2026-11-01",
              "--set",
              "lake.root=s3a://lakeml/secrets",
              "--set",
              "spark.conf.\"spark.hadoop.fs.s3a.secret.key\"=" + secret,
              "--set",
              "evaluate.report=true");
      ProcessBuilder pb =
          new ProcessBuilder(command)
              .directory(ProjectCommand.ROOT.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      pb.environment().put("AWS_ACCESS_KEY_ID", S3ProxyServer.IDENTITY);
      pb.environment().put("AWS_SECRET_ACCESS_KEY", secret);
      pb.environment().put("LAKEML_S3_ENDPOINT", s3.endpoint());
      pb.environment().put("LAKEML_S3PROXY_DIR", s3.stateDir().toString());
      pb.environment().put("LAKEML_CATALOG_URI", "jdbc:sqlite:" + dir.resolve("catalog.db"));
      pb.environment().put("TMPDIR", Files.createDirectories(dir.resolve("tmp")).toString());
      Set<String> seenInPs = new ConcurrentSkipListSet<>();
      Process run = pb.start();
      while (run.isAlive()) {
        ProcessHandle.allProcesses()
            .map(p -> p.info().commandLine().orElse(""))
            .filter(c -> c.contains(secret))
            .forEach(seenInPs::add);
        Thread.sleep(50);
      }
      String output = Files.readString(log);
      assertThat(run.exitValue()).as(output).isZero();
      assertThat(output).contains("pipeline SUCCEEDED").doesNotContain(secret);
      // The command typed holds it until bin/lakeml starts again without it (milliseconds); no
      // process after that (spark-submit, the driver's JVM) shows it.
      seenInPs.removeIf(c -> c.endsWith(String.join(" ", command)));
      assertThat(seenInPs).as("command lines holding the secret").isEmpty();

      assertThat(localFilesHolding(secret, dir)).isEmpty();
      assertThat(objectsHolding(secret, s3)).isEmpty();
      try (Stream<Path> left = Files.list(dir.resolve("tmp"))) {
        assertThat(left.toList())
            .as("the file bin/lakeml handed the --set secret over in")
            .isEmpty();
      }
    }
  }

  /** Every file under {@code root} (the event log, the catalog, the run's output) holding it. */
  private static List<Path> localFilesHolding(String secret, Path root) throws IOException {
    byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
    List<Path> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        if (indexOf(Files.readAllBytes(f), needle) >= 0) {
          found.add(f);
        }
      }
    }
    return found;
  }

  /** Every object of the lake's bucket holding it. */
  private static List<String> objectsHolding(String secret, S3ProxyServer s3) throws IOException {
    // A client of its own: the shared test session keeps its settings for the next test class.
    Configuration conf = new Configuration();
    s3.s3aSettings().forEach(conf::set);
    FileSystem fs = FileSystem.newInstance(java.net.URI.create("s3a://lakeml/"), conf);
    org.apache.hadoop.fs.Path bucket = new org.apache.hadoop.fs.Path("s3a://lakeml/");
    byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
    List<String> found = new ArrayList<>();
    int objects = 0;
    RemoteIterator<LocatedFileStatus> files = fs.listFiles(bucket, true);
    while (files.hasNext()) {
      LocatedFileStatus f = files.next();
      objects++;
      try (InputStream in = fs.open(f.getPath())) {
        if (indexOf(in.readAllBytes(), needle) >= 0) {
          found.add(f.getPath().toString());
        }
      }
    }
    fs.close();
    assertThat(objects).as("objects the run wrote").isGreaterThan(20);
    return found;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
