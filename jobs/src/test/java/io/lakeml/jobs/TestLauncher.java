package io.lakeml.jobs;

import io.lakeml.config.SparkSettings;
import io.lakeml.testing.SparkTestSession;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.SparkSession;

/**
 * The launcher as {@code bin/lakeml} runs it, in the test JVM's shared session (never stopped),
 * with the {@code test} environment layer and its output captured.
 */
final class TestLauncher {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  final AtomicInteger sessionsOpened = new AtomicInteger();

  private final Launcher.Sessions shared =
      new Launcher.Sessions() {
        @Override
        public SparkSession open(SparkSettings settings, String appName) {
          sessionsOpened.incrementAndGet();
          return SparkTestSession.get();
        }

        @Override
        public void close(SparkSession session) {
          // The test JVM's session is shared; it is not stopped.
        }
      };

  ExitCode run(String job, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--env");
    all.add("test");
    return new Launcher(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            shared)
        .run(job, all.toArray(String[]::new));
  }

  String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
