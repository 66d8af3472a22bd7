package io.lakeml.run;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one job run did, written as JSON under {@code runs/} on success and on failure: the job, run
 * id and date, the configuration digest, every step with its duration, inputs and outputs (with row
 * counts) and counters, the Spark version and application id, and the final status.
 */
public final class RunManifest {
  /** The final state of a run or step. */
  public enum Status {
    RUNNING,
    SUCCEEDED,
    FAILED,
    /** A step an earlier run completed, not run again ({@code --resume}). */
    SKIPPED,
    /** A run that did all its work and raised an alert (drift). */
    ALERT
  }

  private final String job;
  private final String runId;
  private final LocalDate runDate;
  private final String configDigest;
  private final List<String> configSources;
  private final Instant startedAt;
  private final List<StepRecord> steps = new ArrayList<>();
  private String sparkVersion;
  private String applicationId;
  private String lakemlVersion;
  private Status status = Status.RUNNING;
  private Instant finishedAt;
  private String error;

  public RunManifest(
      String job,
      String runId,
      LocalDate runDate,
      String configDigest,
      List<String> configSources,
      Instant startedAt) {
    this.job = job;
    this.runId = runId;
    this.runDate = runDate;
    this.configDigest = configDigest;
    this.configSources = List.copyOf(configSources);
    this.startedAt = startedAt;
  }

  synchronized StepRecord startStep(String name) {
    StepRecord step = new StepRecord(name, Instant.now());
    steps.add(step);
    return step;
  }

  public synchronized void spark(String sparkVersion, String applicationId, String lakemlVersion) {
    this.sparkVersion = sparkVersion;
    this.applicationId = applicationId;
    this.lakemlVersion = lakemlVersion;
  }

  public synchronized void finish(Status status, String error) {
    this.status = status;
    this.error = error;
    this.finishedAt = Instant.now();
  }

  public synchronized Status status() {
    return status;
  }

  public synchronized List<StepRecord> steps() {
    return List.copyOf(steps);
  }

  public String configDigest() {
    return configDigest;
  }

  public String job() {
    return job;
  }

  public String runId() {
    return runId;
  }

  public LocalDate runDate() {
    return runDate;
  }

  /** The manifest as plain maps and lists, ready for JSON. */
  public synchronized Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("job", job);
    m.put("run_id", runId);
    m.put("run_date", runDate.toString());
    m.put("status", status.name());
    m.put("started_at", startedAt.toString());
    m.put("finished_at", finishedAt == null ? null : finishedAt.toString());
    m.put(
        "duration_ms",
        Duration.between(startedAt, finishedAt == null ? Instant.now() : finishedAt).toMillis());
    m.put("config_digest", configDigest);
    m.put("config_sources", configSources);
    m.put("lakeml_version", lakemlVersion);
    m.put("spark_version", sparkVersion);
    m.put("spark_application_id", applicationId);
    List<Map<String, Object>> stepMaps = new ArrayList<>();
    for (StepRecord step : steps) {
      stepMaps.add(step.toMap());
    }
    m.put("steps", stepMaps);
    m.put("error", error);
    return m;
  }
}
