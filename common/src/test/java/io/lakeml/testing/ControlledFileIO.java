package io.lakeml.testing;

import java.util.Map;
import org.apache.iceberg.hadoop.HadoopFileIO;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;
import org.apache.spark.TaskContext;

/**
 * Iceberg's Hadoop file IO with faults a test turns on through the lake's catalog properties
 * ({@code lake.catalog.properties}, passed to every file IO Iceberg creates, on the driver and in
 * tasks): the write path of a real table, failing or slowed where a real one would fail or stall.
 *
 * <ul>
 *   <li>{@code test.fail-data-files = <table folder>}: creating a data file of that table fails —
 *       in every task attempt, or only in the first attempt of partition 0 with {@code
 *       test.fail-first-attempt-only = true};
 *   <li>{@code test.pause-data-files-ms = N}: every data file creation waits N ms first (a write
 *       that lasts long enough to be killed in the middle);
 *   <li>{@code test.straggle-data-files-ms = N} with {@code test.straggle-table = <table folder>}:
 *       the first attempt of partition 0 waits N ms before creating a data file of that table (a
 *       straggler that speculative execution overtakes);
 *   <li>{@code test.fail-first-read-of = <table folder>}: in a task, the first attempt of partition
 *       0 fails opening a data file of that table (a lost executor or a read error in the middle of
 *       training or scoring, which Spark answers by running the task again).
 * </ul>
 */
public class ControlledFileIO extends HadoopFileIO {
  private static final long serialVersionUID = 1L;

  private String failTable;
  private boolean firstAttemptOnly;
  private long pauseMs;
  private String straggleTable;
  private long straggleMs;
  private String failReadTable;

  @Override
  public void initialize(Map<String, String> properties) {
    super.initialize(properties);
    failTable = properties.get("test.fail-data-files");
    firstAttemptOnly = Boolean.parseBoolean(properties.get("test.fail-first-attempt-only"));
    pauseMs = Long.parseLong(properties.getOrDefault("test.pause-data-files-ms", "0"));
    straggleTable = properties.get("test.straggle-table");
    straggleMs = Long.parseLong(properties.getOrDefault("test.straggle-data-files-ms", "0"));
    failReadTable = properties.get("test.fail-first-read-of");
  }

  @Override
  public InputFile newInputFile(String path) {
    failFirstRead(path);
    return super.newInputFile(path);
  }

  @Override
  public InputFile newInputFile(String path, long length) {
    failFirstRead(path);
    return super.newInputFile(path, length);
  }

  private void failFirstRead(String path) {
    if (inFirstAttemptOfPartitionZero() && isDataFileOf(failReadTable, path)) {
      throw new IllegalStateException("injected failure reading " + path);
    }
  }

  /** Whether {@code path} is a data file of the table in folder {@code table} (null: none). */
  private static boolean isDataFileOf(String table, String path) {
    return table != null && path.contains("/" + table + "/data/");
  }

  /** Whether this runs in a task, as the first attempt of partition 0. */
  private static boolean inFirstAttemptOfPartitionZero() {
    TaskContext task = TaskContext.get();
    return task != null && task.partitionId() == 0 && task.attemptNumber() == 0;
  }

  /**
   * Faults fire when a task asks for a data file, and the file returned is Iceberg's own: wrapping
   * it would send Parquet through Iceberg's generic stream adapter, whose finalizer closes the
   * underlying Hadoop stream while Parquet still writes to it once a GC runs in the middle of a
   * write (a ClosedChannelException no real file IO produces).
   */
  @Override
  public OutputFile newOutputFile(String path) {
    if (path.contains("/data/")) {
      before(path);
    }
    return super.newOutputFile(path);
  }

  private void before(String path) {
    sleep(pauseMs);
    if (inFirstAttemptOfPartitionZero() && isDataFileOf(straggleTable, path)) {
      sleep(straggleMs);
    }
    if (!isDataFileOf(failTable, path)) {
      return;
    }
    // Outside a task (the driver) counts as a first attempt: it has no second.
    boolean first = TaskContext.get() == null || inFirstAttemptOfPartitionZero();
    if (!firstAttemptOnly || first) {
      throw new IllegalStateException("injected failure creating " + path);
    }
  }

  private static void sleep(long ms) {
    if (ms <= 0) {
      return;
    }
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      // Spark kills the attempt a speculative copy overtook: let the task end.
      Thread.currentThread().interrupt();
    }
  }
}
