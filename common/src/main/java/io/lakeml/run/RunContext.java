package io.lakeml.run;

import io.lakeml.io.LakeFiles;
import io.lakeml.lake.Lake;
import io.lakeml.lake.LakeTables;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;

/**
 * Everything a job needs besides its configuration: the session, the lake, the run date and id, and
 * the manifest its steps report to.
 */
public final class RunContext {
  private final SparkSession spark;
  private final Lake lake;
  private final LocalDate runDate;
  private final RunManifest manifest;
  private final Console console;
  private final RunOptions options;
  private CompletedSteps completed;
  private boolean resuming;

  public RunContext(
      SparkSession spark, Lake lake, LocalDate runDate, RunManifest manifest, Console console) {
    this(spark, lake, runDate, manifest, console, RunOptions.FRESH);
  }

  public RunContext(
      SparkSession spark,
      Lake lake,
      LocalDate runDate,
      RunManifest manifest,
      Console console,
      RunOptions options) {
    this.spark = spark;
    this.lake = lake;
    this.runDate = runDate;
    this.manifest = manifest;
    this.console = console;
    this.options = options;
    this.resuming = options.resume() || !options.force().isEmpty();
  }

  /**
   * Under {@code --resume}: the earlier record of {@code step} if it is complete for this date and
   * may be skipped. Once a step runs (incomplete, or forced), every later step runs too, since its
   * inputs may have changed. Each step asks once, in order.
   */
  public Optional<CompletedSteps.Record> resumable(Step step) {
    if (!resuming) {
      return Optional.empty();
    }
    if (completed == null) {
      completed =
          CompletedSteps.of(files(), tables(), manifest.job(), runDate, manifest.configDigest());
    }
    Optional<CompletedSteps.Record> done =
        options.force().contains(step) ? Optional.empty() : completed.find(step.configName());
    if (done.isEmpty()) {
      resuming = false;
    }
    return done;
  }

  /** Records a step as skipped, carrying what the earlier run recorded for it. */
  @SuppressWarnings("unchecked")
  public void skip(Step skipped, CompletedSteps.Record earlier) {
    String name = skipped.configName();
    StepRecord step = manifest.startStep(name);
    for (Map<String, Object> out : earlier.outputs()) {
      Object rows = out.get("rows");
      Object snapshot = out.get("snapshot_id");
      if (snapshot != null) {
        step.output(
            (String) out.get("path"),
            ((Number) rows).longValue(),
            Long.parseLong(String.valueOf(snapshot)));
      } else {
        step.output((String) out.get("path"), rows == null ? null : ((Number) rows).longValue());
      }
    }
    earlier.counts().forEach(step::count);
    step.count("resumed_from", earlier.runId());
    step.finish(RunManifest.Status.SKIPPED, null);
    console.info("%-9s skipped: complete since run %s", name, earlier.runId());
  }

  public SparkSession spark() {
    return spark;
  }

  public Lake lake() {
    return lake;
  }

  public LocalDate runDate() {
    return runDate;
  }

  public String runId() {
    return manifest.runId();
  }

  public RunManifest manifest() {
    return manifest;
  }

  public Console console() {
    return console;
  }

  public LakeFiles files() {
    return LakeFiles.of(spark);
  }

  /** The lake's tables in this run's session. */
  public LakeTables tables() {
    return LakeTables.of(spark, lake);
  }

  /**
   * Runs one named step: announces it, times it, records it in the manifest with what {@code body}
   * reports, and marks it failed (re-throwing) when it throws.
   */
  public <T> T step(Step which, Function<StepRecord, T> body) {
    String name = which.configName();
    StepRecord step = manifest.startStep(name);
    console.info("%-9s started", name);
    String group = manifest.runId() + "/" + name;
    spark.sparkContext().setJobGroup(group, "lakeml " + manifest.job() + ": " + name, false);
    Optional<StoreCounters> store = StoreCounters.of(spark, lake);
    try {
      T result = body.apply(step);
      step.count("spark_jobs", SparkJobs.inGroup(spark, group));
      recordStore(store, step);
      step.finish(RunManifest.Status.SUCCEEDED, null);
      console.info(
          "%-9s done in %s %s", name, Console.seconds(step.duration()), summary(step.counts()));
      return result;
    } catch (RuntimeException | Error e) {
      step.count("spark_jobs", SparkJobs.inGroup(spark, group));
      recordStore(store, step);
      step.finish(RunManifest.Status.FAILED, e.toString());
      console.info(
          "%-9s FAILED after %s: %s", name, Console.seconds(step.duration()), e.getMessage());
      throw e;
    } finally {
      spark.sparkContext().clearJobGroup();
    }
  }

  /** The S3 requests and throttled requests of the step, when the lake is on S3. */
  private void recordStore(Optional<StoreCounters> before, StepRecord step) {
    before.ifPresent(b -> StoreCounters.of(spark, lake).ifPresent(now -> now.recordSince(b, step)));
  }

  private static String summary(Map<String, Object> counts) {
    if (counts.isEmpty()) {
      return "";
    }
    return counts.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(" ", "(", ")"));
  }
}
