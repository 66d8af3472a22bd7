package io.lakeml.run;

import io.lakeml.lake.Lake;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.statistics.IOStatistics;
import org.apache.hadoop.fs.statistics.IOStatisticsSupport;
import org.apache.spark.sql.SparkSession;

/**
 * The lake file system's counts of HTTP requests and of throttled ones (S3A's IO statistics, as the
 * AWS SDK reports them: every attempt, retries included, and every 503 SlowDown answer, each of
 * which the SDK retried unless the step failed), read before and after a step to record the step's
 * share. They count what this JVM's client saw: everything in local mode, the driver's own requests
 * on a cluster, where executors keep their own counts.
 */
record StoreCounters(long requests, long throttled) {
  private static final String REQUESTS = "store_io_request";
  private static final String THROTTLED = "store_io_throttled";

  /** The counters now, when the lake's file system keeps them (S3A does; a local one does not). */
  static Optional<StoreCounters> of(SparkSession spark, Lake lake) {
    try {
      FileSystem fs =
          new Path(lake.root()).getFileSystem(spark.sparkContext().hadoopConfiguration());
      IOStatistics stats = IOStatisticsSupport.retrieveIOStatistics(fs);
      if (stats == null || !stats.counters().containsKey(REQUESTS)) {
        return Optional.empty();
      }
      Map<String, Long> counters = stats.counters();
      return Optional.of(
          new StoreCounters(counters.get(REQUESTS), counters.getOrDefault(THROTTLED, 0L)));
    } catch (IOException | RuntimeException e) {
      // Statistics are a report on the run, never a reason for it to fail.
      return Optional.empty();
    }
  }

  /** Records what happened since {@code before} on the step. */
  void recordSince(StoreCounters before, StepRecord step) {
    step.count("s3_requests", requests - before.requests);
    step.count("s3_throttled", throttled - before.throttled);
  }
}
