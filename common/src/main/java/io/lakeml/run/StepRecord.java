package io.lakeml.run;

import io.lakeml.ml.JsonFields;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One step of a run as the manifest records it. The step's code reports what it read and wrote
 * through {@link #input}, {@link #output} and {@link #count}.
 */
public final class StepRecord {
  /**
   * A dataset a step read or wrote, with its row count when known: a path, or a lake table with the
   * snapshot read or published.
   */
  public record DatasetRef(String path, Long rows, Long snapshotId) {
    public DatasetRef(String path, Long rows) {
      this(path, rows, null);
    }
  }

  private final String name;
  private final Instant startedAt;
  private final List<DatasetRef> inputs = new ArrayList<>();
  private final List<DatasetRef> outputs = new ArrayList<>();
  private final Map<String, Object> counts = new LinkedHashMap<>();
  private RunManifest.Status status = RunManifest.Status.RUNNING;
  private Duration duration;
  private String error;

  StepRecord(String name, Instant startedAt) {
    this.name = name;
    this.startedAt = startedAt;
  }

  public synchronized StepRecord input(String path, Long rows) {
    inputs.add(new DatasetRef(path, rows));
    return this;
  }

  public synchronized StepRecord output(String path, Long rows) {
    outputs.add(new DatasetRef(path, rows));
    return this;
  }

  /** A table snapshot the step published, such as {@code lake.curated.insurance_claims}. */
  public synchronized StepRecord output(String table, long rows, long snapshotId) {
    outputs.add(new DatasetRef(table, rows, snapshotId));
    return this;
  }

  /** A table snapshot the step read. */
  public synchronized StepRecord input(String table, long rows, long snapshotId) {
    inputs.add(new DatasetRef(table, rows, snapshotId));
    return this;
  }

  /** A named number or short value worth keeping, such as {@code rows_quarantined}. */
  public synchronized StepRecord count(String key, Object value) {
    counts.put(key, value);
    return this;
  }

  synchronized void finish(RunManifest.Status status, String error) {
    this.status = status;
    this.error = error;
    this.duration = Duration.between(startedAt, Instant.now());
  }

  public String name() {
    return name;
  }

  public synchronized RunManifest.Status status() {
    return status;
  }

  public synchronized Duration duration() {
    return duration == null ? Duration.between(startedAt, Instant.now()) : duration;
  }

  public synchronized Map<String, Object> counts() {
    return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(counts));
  }

  public synchronized List<DatasetRef> outputs() {
    return List.copyOf(outputs);
  }

  synchronized Map<String, Object> toMap() {
    return JsonFields.object(
        "name", name,
        "status", status.name(),
        "started_at", startedAt.toString(),
        "duration_ms", duration().toMillis(),
        "inputs", refs(inputs),
        "outputs", refs(outputs),
        "counts", new LinkedHashMap<>(counts),
        "error", error);
  }

  private static List<Map<String, Object>> refs(List<DatasetRef> refs) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (DatasetRef ref : refs) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("path", ref.path());
      m.put("rows", ref.rows());
      if (ref.snapshotId() != null) {
        // As text: snapshot ids use all 64 bits, more than JSON readers keep exact in a double.
        m.put("snapshot_id", Long.toString(ref.snapshotId()));
      }
      out.add(m);
    }
    return out;
  }
}
