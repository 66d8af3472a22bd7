package io.lakeml.train;

import io.lakeml.config.Settings;
import java.util.List;

/**
 * One hyperparameter an algorithm accepts: its config name, range (or choices) and default. Values
 * are checked before Spark starts, with the key and the range in the message.
 */
public record ParamSpec(
    String name, Kind kind, double min, double max, List<String> choices, Object defaultValue) {
  /** How a value is read. */
  public enum Kind {
    INT,
    DOUBLE,
    BOOLEAN,
    CHOICE
  }

  public ParamSpec {
    choices = List.copyOf(choices);
  }

  public static ParamSpec ofInt(String name, int min, int max, int defaultValue) {
    return new ParamSpec(name, Kind.INT, min, max, List.of(), defaultValue);
  }

  public static ParamSpec ofDouble(String name, double min, double max, double defaultValue) {
    return new ParamSpec(name, Kind.DOUBLE, min, max, List.of(), defaultValue);
  }

  public static ParamSpec ofBoolean(String name, boolean defaultValue) {
    return new ParamSpec(name, Kind.BOOLEAN, 0, 1, List.of(), defaultValue);
  }

  /** A word from a fixed list; the first is the default. */
  public static ParamSpec ofChoice(String name, String... choices) {
    return new ParamSpec(name, Kind.CHOICE, 0, 0, List.of(choices), choices[0]);
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
      case CHOICE -> params.choice(name, choices);
    };
  }

  /** Whether values between two given ones make sense (a range for random search). */
  public boolean isNumeric() {
    return kind == Kind.INT || kind == Kind.DOUBLE;
  }
}
