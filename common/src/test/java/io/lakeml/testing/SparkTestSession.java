package io.lakeml.testing;

import io.lakeml.config.SparkSettings;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The one SparkSession of a test JVM ({@code local[2]}, UI off, two shuffle partitions, bound to
 * 127.0.0.1), built from the same configuration layers as a job's, on the {@code test} environment.
 * Starting Spark costs seconds; every test class shares it and nobody stops it.
 */
public final class SparkTestSession {
  private static SparkSession spark;

  private SparkTestSession() {}

  public static synchronized SparkSession get() {
    if (spark == null) {
      SparkSettings settings = TestConfigs.load(null).spark();
      SparkSession.Builder builder =
          SparkSession.builder().appName("lakeml-tests").master(settings.master().orElseThrow());
      for (Map.Entry<String, String> e : settings.conf().entrySet()) {
        builder.config(e.getKey(), e.getValue());
      }
      spark = builder.getOrCreate();
      spark.sparkContext().setLogLevel("WARN");
    }
    return spark;
  }
}
