package io.lakeml.pipeline;

import io.lakeml.io.Json;
import io.lakeml.io.LakeFiles;
import io.lakeml.ml.DriftAlertException;
import io.lakeml.run.Console;
import io.lakeml.run.RunContext;
import io.lakeml.run.RunManifest;
import io.lakeml.run.RunOptions;
import io.lakeml.run.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import org.apache.spark.sql.SparkSession;

/**
 * Runs one job in a session that the caller built, and writes its run manifest to {@code runs/}
 * whether the job succeeds or fails.
 */
public final class JobRunner {
  private static final DateTimeFormatter RUN_ID =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

  private JobRunner() {}

  public static RunManifest run(
      SparkSession spark, Job job, LakemlConfig config, LocalDate runDate, Console console) {
    return run(spark, job, config, runDate, console, RunOptions.FRESH);
  }

  /** As above, resuming or forcing steps as {@code options} say. */
  public static RunManifest run(
      SparkSession spark,
      Job job,
      LakemlConfig config,
      LocalDate runDate,
      Console console,
      RunOptions options) {
    Instant started = Instant.now();
    String runId = RUN_ID.format(started) + "-" + UUID.randomUUID().toString().substring(0, 8);
    RunManifest manifest =
        new RunManifest(
            job.name(),
            runId,
            runDate,
            config.loaded().digest(),
            config.loaded().sources(),
            started);
    manifest.spark(spark.version(), spark.sparkContext().applicationId(), Version.LAKEML);
    RunContext run = new RunContext(spark, config.lake(), runDate, manifest, console, options);
    String manifestPath = config.lake().runManifest(job.name(), runDate, runId);
    console.info(
        "%s: run %s for %s on lake %s (Spark %s, %s)",
        job.name(), runId, runDate, config.lake(), spark.version(), spark.sparkContext().master());
    try {
      job.run(run, config);
      manifest.finish(RunManifest.Status.SUCCEEDED, null);
      return manifest;
    } catch (DriftAlertException e) {
      manifest.finish(RunManifest.Status.ALERT, e.getMessage());
      throw e;
    } catch (RuntimeException | Error e) {
      manifest.finish(
          RunManifest.Status.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage());
      throw e;
    } finally {
      writeManifest(spark, manifestPath, manifest, console);
    }
  }

  private static void writeManifest(
      SparkSession spark, String path, RunManifest manifest, Console console) {
    try {
      LakeFiles.of(spark).writeString(path, Json.write(manifest.toMap()));
      console.info("run manifest: %s", path);
    } catch (RuntimeException e) {
      // A manifest that cannot be written must not hide the job's own outcome.
      console.info("could not write the run manifest %s: %s", path, e.getMessage());
      if (manifest.status() == RunManifest.Status.SUCCEEDED) {
        throw e;
      }
    }
  }
}
