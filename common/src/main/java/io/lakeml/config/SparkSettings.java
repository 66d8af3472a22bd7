package io.lakeml.config;

import java.util.Map;
import java.util.Optional;

/**
 * {@code spark { app-name, master, conf { "spark.x" = v } }}: how the jobs module builds the one
 * SparkSession. A master or property given to spark-submit wins over the file, so an EMR step or
 * {@code bin/lakeml --master} is never overridden by configuration.
 */
public record SparkSettings(String appName, Optional<String> master, Map<String, String> conf) {
  public SparkSettings {
    conf = Map.copyOf(conf);
  }

  /** These settings with {@code key} set to {@code value} unless the configuration sets it. */
  public SparkSettings withDefault(String key, String value) {
    if (conf.containsKey(key)) {
      return this;
    }
    Map<String, String> more = new java.util.TreeMap<>(conf);
    more.put(key, value);
    return new SparkSettings(appName, master, more);
  }

  public static SparkSettings from(Settings s) {
    s.allowOnly("app-name", "master", "conf");
    Map<String, String> conf = s.stringMap("conf");
    for (String key : conf.keySet()) {
      if (!key.startsWith("spark.")) {
        throw ConfigException.invalid(
            s.key("conf") + "." + key, conf.get(key), "a Spark property named spark.*");
      }
    }
    return new SparkSettings(
        s.string("app-name", "lakeml"), s.optionalString("master").filter(m -> !m.isBlank()), conf);
  }
}
