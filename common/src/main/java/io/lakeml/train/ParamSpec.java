package io.lakeml.train;

import io.lakeml.config.Settings;

/**
 * One hyperparameter an algorithm accepts: its config name, range and default. Values are checked
 * before Spark starts, with the key and the range in the message.
 */
public record ParamSpec(String name, Kind kind, double min, double max, Object defaultValue) {
  /** How a value is read. */
  public enum Kind {
    INT,
    DOUBLE,
    BOOLEAN
  }

  public static ParamSpec ofInt(String name, int min, int max, int defaultValue) {
    return new ParamSpec(name, Kind.INT, min, max, defaultValue);
  }

  public static ParamSpec ofDouble(String name, double min, double max, double defaultValue) {
    return new ParamSpec(name, Kind.DOUBLE, min, max, defaultValue);
  }

  public static ParamSpec ofBoolean(String name, boolean defaultValue) {
    return new ParamSpec(name, Kind.BOOLEAN, 0, 1, defaultValue);
  }

  /** The value in {@code params}, or the default; validated. */
  public Object read(Settings params) {
    if (!params.has(name)) {
      return defaultValue;
    }
    return switch (kind) {
      case INT -> params.integer(name, (int) min, (int) max);
      case DOUBLE -> params.number(name, min, max);
      case BOOLEAN -> params.bool(name);
    };
  }
}
