package io.lakeml.testing;

import io.lakeml.pipeline.Job;
import io.lakeml.pipeline.JobRunner;
import io.lakeml.pipeline.LakemlConfig;
import io.lakeml.run.Console;
import io.lakeml.run.RunManifest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/** Runs jobs in the shared session exactly as the launcher does, capturing the console. */
public final class TestRuns {
  public static final LocalDate DAY = LocalDate.of(2026, 11, 1);

  private final ByteArrayOutputStream console = new ByteArrayOutputStream();

  public RunManifest run(Job job, LakemlConfig config, LocalDate runDate) {
    return JobRunner.run(
        SparkTestSession.get(),
        job,
        config,
        runDate,
        new Console(new PrintStream(console, true, StandardCharsets.UTF_8)));
  }

  public RunManifest run(Job job, LakemlConfig config) {
    return run(job, config, DAY);
  }

  public String console() {
    return console.toString(StandardCharsets.UTF_8);
  }
}
