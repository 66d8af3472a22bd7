package io.lakeml.ml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Typed reads of one decoded JSON object (what {@code metadata.json}, {@code metrics.json} and the
 * manifests hold), each naming the object and the key when a value is missing or of another type.
 * Numbers written as {@code "NaN"} or {@code "Infinity"} (Jackson's default for non-finite doubles)
 * read back as such.
 */
public final class JsonFields {
  private final Map<String, Object> values;
  private final String where;

  private JsonFields(Map<String, Object> values, String where) {
    this.values = values;
    this.where = where;
  }

  /**
   * A JSON object in the order its keys are given, for the {@code toMap} of lakeml's records:
   * {@code object("rows", 10, "k", 3)}. Values may be null (written as JSON null).
   */
  public static Map<String, Object> object(Object... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("object(...) takes key, value pairs");
    }
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  /**
   * Named numbers in the order given, as {@link #object} for metric values: {@code numbers("r2",
   * 0.9)}.
   */
  public static Map<String, Double> numbers(Object... keysAndValues) {
    Map<String, Double> m = new LinkedHashMap<>();
    object(keysAndValues).forEach((k, v) -> m.put(k, ((Number) v).doubleValue()));
    return m;
  }

  /** The fields of {@code values}; {@code where} names the object in messages ("metadata.json"). */
  public static JsonFields of(Map<String, Object> values, String where) {
    return new JsonFields(values, where);
  }

  public boolean has(String key) {
    return values.get(key) != null;
  }

  /** The raw value (a map, list, string, number or boolean), if present and not null. */
  public Optional<Object> raw(String key) {
    return Optional.ofNullable(values.get(key));
  }

  public String string(String key) {
    return optionalString(key).orElseThrow(() -> missing(key, "a string"));
  }

  public Optional<String> optionalString(String key) {
    Object v = values.get(key);
    if (v == null) {
      return Optional.empty();
    }
    if (!(v instanceof String s)) {
      throw wrong(key, v, "a string");
    }
    return Optional.of(s);
  }

  public double number(String key) {
    OptionalDouble d = optionalNumber(key);
    if (d.isEmpty()) {
      throw missing(key, "a number");
    }
    return d.getAsDouble();
  }

  /** A number that older files may lack: absent reads as NaN (a metric not measured then). */
  public double numberOrNaN(String key) {
    return optionalNumber(key).orElse(Double.NaN);
  }

  public OptionalDouble optionalNumber(String key) {
    Object v = values.get(key);
    if (v == null) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(toDouble(key, v));
  }

  public long longValue(String key) {
    Object v = values.get(key);
    if (!(v instanceof Number n)) {
      throw v == null ? missing(key, "a whole number") : wrong(key, v, "a whole number");
    }
    return n.longValue();
  }

  public int intValue(String key) {
    return Math.toIntExact(longValue(key));
  }

  public boolean bool(String key, boolean absent) {
    Object v = values.get(key);
    if (v == null) {
      return absent;
    }
    if (!(v instanceof Boolean b)) {
      throw wrong(key, v, "true or false");
    }
    return b;
  }

  /** A nested object. */
  public JsonFields object(String key) {
    return optionalObject(key).orElseThrow(() -> missing(key, "an object"));
  }

  @SuppressWarnings("unchecked")
  public Optional<JsonFields> optionalObject(String key) {
    Object v = values.get(key);
    if (v == null) {
      return Optional.empty();
    }
    if (!(v instanceof Map<?, ?> m)) {
      throw wrong(key, v, "an object");
    }
    return Optional.of(new JsonFields((Map<String, Object>) m, where + "." + key));
  }

  /** A list of strings; absent reads as empty. A single string reads as a list of one. */
  public List<String> strings(String key) {
    Object v = values.get(key);
    if (v == null) {
      return List.of();
    }
    if (v instanceof String s) {
      return List.of(s);
    }
    if (!(v instanceof List<?> l)) {
      throw wrong(key, v, "a list of strings");
    }
    List<String> out = new ArrayList<>();
    for (Object o : l) {
      out.add(String.valueOf(o));
    }
    return out;
  }

  /** A list of numbers; absent reads as empty. */
  public List<Double> numbers(String key) {
    Object v = values.get(key);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> l)) {
      throw wrong(key, v, "a list of numbers");
    }
    List<Double> out = new ArrayList<>();
    for (Object o : l) {
      out.add(toDouble(key, o));
    }
    return out;
  }

  /** A list of objects; absent reads as empty. */
  @SuppressWarnings("unchecked")
  public List<JsonFields> objects(String key) {
    Object v = values.get(key);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> l)) {
      throw wrong(key, v, "a list of objects");
    }
    List<JsonFields> out = new ArrayList<>();
    for (int i = 0; i < l.size(); i++) {
      if (!(l.get(i) instanceof Map<?, ?> m)) {
        throw wrong(key + "[" + i + "]", l.get(i), "an object");
      }
      out.add(new JsonFields((Map<String, Object>) m, where + "." + key + "[" + i + "]"));
    }
    return out;
  }

  /** An object whose values are all numbers, in file order; absent reads as empty. */
  public Map<String, Double> numberMap(String key) {
    Map<String, Double> out = new LinkedHashMap<>();
    optionalObject(key).ifPresent(o -> o.keys().forEach(k -> out.put(k, o.number(k))));
    return out;
  }

  /** An object whose values are all strings, in file order; absent reads as empty. */
  public Map<String, String> stringMap(String key) {
    Map<String, String> out = new LinkedHashMap<>();
    optionalObject(key).ifPresent(o -> o.keys().forEach(k -> out.put(k, o.string(k))));
    return out;
  }

  /** An object whose values are all whole numbers, in file order; absent reads as empty. */
  public Map<String, Long> longMap(String key) {
    Map<String, Long> out = new LinkedHashMap<>();
    optionalObject(key).ifPresent(o -> o.keys().forEach(k -> out.put(k, o.longValue(k))));
    return out;
  }

  /** The keys of this object, in file order. */
  public List<String> keys() {
    return List.copyOf(values.keySet());
  }

  /** The object as decoded. */
  public Map<String, Object> asMap() {
    return values;
  }

  private double toDouble(String key, Object v) {
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    if (v instanceof String s) {
      switch (s) {
        case "NaN":
          return Double.NaN;
        case "Infinity":
          return Double.POSITIVE_INFINITY;
        case "-Infinity":
          return Double.NEGATIVE_INFINITY;
        default:
          break;
      }
    }
    throw wrong(key, v, "a number");
  }

  private IllegalArgumentException missing(String key, String expected) {
    return new IllegalArgumentException(
        String.format("%s.%s: expected %s, got: none", where, key, expected));
  }

  private IllegalArgumentException wrong(String key, Object value, String expected) {
    return new IllegalArgumentException(
        String.format("%s.%s: expected %s, got: %s", where, key, expected, value));
  }
}
