package io.lakeml.config;

/**
 * A configuration problem found before Spark starts. The message always names the key, the value
 * that was found and what was expected, so the person running the job can fix it without reading
 * code.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }

  /** "key: expected X, got: V". */
  public static ConfigException invalid(String key, Object value, String expected) {
    return new ConfigException(
        String.format("%s: expected %s, got: %s", key, expected, render(value)));
  }

  static String render(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String s) {
      return "'" + s + "'";
    }
    return String.valueOf(value);
  }
}
