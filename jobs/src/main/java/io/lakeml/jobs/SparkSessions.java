package io.lakeml.jobs;

import io.lakeml.config.SparkSettings;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** Builds the one SparkSession of an application from the validated settings. */
public final class SparkSessions {
  private SparkSessions() {}

  /**
   * spark-submit passes its {@code --master} and {@code --conf} values as system properties; those
   * win over the configuration file, so a submit command is never silently overridden.
   */
  public static SparkSession create(SparkSettings settings, String appName) {
    SparkSession.Builder builder = SparkSession.builder().appName(appName);
    if (System.getProperty("spark.master") == null) {
      settings.master().ifPresent(builder::master);
    }
    for (Map.Entry<String, String> e : settings.conf().entrySet()) {
      if (System.getProperty(e.getKey()) == null) {
        builder.config(e.getKey(), e.getValue());
      }
    }
    return builder.getOrCreate();
  }
}
