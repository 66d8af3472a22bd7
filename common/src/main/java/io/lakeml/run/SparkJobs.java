package io.lakeml.run;

import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.SparkSession;

/**
 * How many Spark jobs a step ran: the jobs of its job group, as Spark's status tracker knows them.
 */
final class SparkJobs {
  private static final long LISTENER_WAIT_MS = 10_000;

  private SparkJobs() {}

  static int inGroup(SparkSession spark, String group) {
    try {
      // The status tracker learns of jobs from Spark's listener bus, asynchronously: let it catch
      // up with the jobs just run before counting them.
      spark.sparkContext().listenerBus().waitUntilEmpty(LISTENER_WAIT_MS);
    } catch (TimeoutException e) {
      // A busy bus only makes the count low; the step's own outcome is unaffected.
    }
    return spark.sparkContext().statusTracker().getJobIdsForGroup(group).length;
  }
}
