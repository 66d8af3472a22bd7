package io.lakeml.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Typed, validated read access to one section of the resolved configuration.
 *
 * <p>Every getter reports a problem as {@link ConfigException} with the full key, the value found
 * and what was expected; Typesafe Config's own messages (file positions, internal type names) are
 * never shown alone. Sections declare the keys they know with {@link #allowOnly}, so a typo such as
 * {@code max-iters} fails instead of being silently ignored.
 */
public final class Settings {
  private final Config config;
  private final String path;
  // The keys every section of this root has declared with allowOnly, list positions as "[]":
  // shared by a root and all its sections; what docs/configuration.md is checked against.
  private final Set<String> declared;

  private Settings(Config config, String path, Set<String> declared) {
    this.config = config;
    this.path = path;
    this.declared = declared;
  }

  /** The root of a resolved configuration. */
  public static Settings root(Config config) {
    return new Settings(config, "", java.util.concurrent.ConcurrentHashMap.newKeySet());
  }

  /** The full key of {@code key} in this section, as a user would write it in {@code --set}. */
  public String key(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  public boolean has(String key) {
    return config.hasPath(key);
  }

  /** Fails when this section holds a key that is not in {@code known}, suggesting the nearest. */
  public Settings allowOnly(String... known) {
    Set<String> allowed = Set.of(known);
    for (String k : known) {
      declared.add(key(k).replaceAll("\\[\\d+]", "[]"));
    }
    for (String present : new TreeSet<>(config.root().keySet())) {
      if (!allowed.contains(present)) {
        String nearest =
            Arrays.stream(known).min(Comparator.comparingInt(k -> distance(k, present))).orElse("");
        String hint =
            !nearest.isEmpty() && distance(nearest, present) <= 3
                ? " (did you mean '" + key(nearest) + "'?)"
                : "";
        throw new ConfigException(
            String.format(
                "%s: unknown key%s; known keys here: %s",
                key(present), hint, String.join(", ", new TreeSet<>(allowed))));
      }
    }
    return this;
  }

  /**
   * Every key the sections of this root have declared ({@link #allowOnly}) so far, sorted, such as
   * {@code ingest.schema[].name}: after a whole configuration is read, the keys it knows.
   */
  public Set<String> declaredKeys() {
    return new TreeSet<>(declared);
  }

  /** A nested section; an absent one reads as empty so its defaults apply. */
  public Settings section(String key) {
    if (!config.hasPath(key)) {
      return new Settings(ConfigFactory.empty(), key(key), declared);
    }
    ConfigValue value = config.getValue(key);
    if (value.valueType() != ConfigValueType.OBJECT) {
      throw ConfigException.invalid(key(key), value.unwrapped(), "a section { ... }");
    }
    return new Settings(((ConfigObject) value).toConfig(), key(key), declared);
  }

  /**
   * A section at this path holding only {@code key = value}: validates one value taken from a list
   * (a search space, say) with this section's key names in the messages.
   */
  public Settings single(String key, Object value) {
    return new Settings(ConfigFactory.parseMap(Map.of(key, value)), path, declared);
  }

  /** The values of a list, as written; a single value reads as a list of one. */
  public List<Object> values(String key) {
    if (!config.hasPath(key)) {
      return List.of();
    }
    ConfigValue value = config.getValue(key);
    if (value.valueType() == ConfigValueType.LIST) {
      List<Object> out = new ArrayList<>();
      for (ConfigValue item : config.getList(key)) {
        out.add(item.unwrapped());
      }
      return out;
    }
    return List.of(value.unwrapped());
  }

  /** Whether the value at {@code key} is a section. */
  public boolean isSection(String key) {
    return config.hasPath(key) && config.getValue(key).valueType() == ConfigValueType.OBJECT;
  }

  /** The keys present in this section, in a stable order. */
  public Set<String> keys() {
    return new TreeSet<>(config.root().keySet());
  }

  /** A list of sections, such as the columns of a schema: each reports its own index in errors. */
  public List<Settings> sectionList(String key) {
    if (!config.hasPath(key)) {
      return List.of();
    }
    ConfigValue value = config.getValue(key);
    if (value.valueType() != ConfigValueType.LIST) {
      throw ConfigException.invalid(key(key), value.unwrapped(), "a list of sections [ {...} ]");
    }
    List<Settings> out = new ArrayList<>();
    List<? extends ConfigValue> items = config.getList(key);
    for (int i = 0; i < items.size(); i++) {
      ConfigValue item = items.get(i);
      String itemPath = key(key) + "[" + i + "]";
      if (item.valueType() != ConfigValueType.OBJECT) {
        throw ConfigException.invalid(itemPath, item.unwrapped(), "a section { ... }");
      }
      out.add(new Settings(((ConfigObject) item).toConfig(), itemPath, declared));
    }
    return out;
  }

  public String string(String key) {
    return optionalString(key)
        .filter(s -> !s.isBlank())
        .orElseThrow(() -> ConfigException.invalid(key(key), raw(key), "a non-empty string"));
  }

  public Optional<String> optionalString(String key) {
    if (!config.hasPath(key)) {
      return Optional.empty();
    }
    ConfigValue value = config.getValue(key);
    if (value.valueType() == ConfigValueType.OBJECT || value.valueType() == ConfigValueType.LIST) {
      throw ConfigException.invalid(key(key), value.unwrapped(), "a string");
    }
    return Optional.of(String.valueOf(value.unwrapped()));
  }

  public String string(String key, String defaultValue) {
    return optionalString(key).orElse(defaultValue);
  }

  /** A string that must be one of {@code choices} (compared case-insensitively, returned lower). */
  public String choice(String key, Collection<String> choices) {
    String value = string(key).toLowerCase(Locale.ROOT);
    if (!choices.contains(value)) {
      throw ConfigException.invalid(key(key), value, "one of " + String.join(", ", choices));
    }
    return value;
  }

  /** The constant of an enum named by the value (compared case-insensitively). */
  public <E extends Enum<E> & ConfigName> E choice(String key, Class<E> type) {
    return ConfigName.of(type, choice(key, ConfigName.names(type)), key);
  }

  public String choice(String key, Collection<String> choices, String defaultValue) {
    return has(key) ? choice(key, choices) : defaultValue;
  }

  public int integer(String key, int min, int max) {
    long value = longValue(key, min, max);
    return (int) value;
  }

  public int integer(String key, int min, int max, int defaultValue) {
    return has(key) ? integer(key, min, max) : defaultValue;
  }

  public long longValue(String key, long min, long max) {
    Object raw = raw(key);
    long value;
    try {
      value = config.getLong(key);
    } catch (com.typesafe.config.ConfigException e) {
      throw ConfigException.invalid(key(key), raw, "a whole number" + range(min, max));
    }
    if (value < min || value > max) {
      throw ConfigException.invalid(key(key), raw, "a whole number" + range(min, max));
    }
    return value;
  }

  public long longValue(String key, long min, long max, long defaultValue) {
    return has(key) ? longValue(key, min, max) : defaultValue;
  }

  /** A number in the closed range [min, max]. */
  public double number(String key, double min, double max) {
    Object raw = raw(key);
    double value;
    try {
      value = config.getDouble(key);
    } catch (com.typesafe.config.ConfigException e) {
      throw ConfigException.invalid(key(key), raw, "a number" + range(min, max));
    }
    if (Double.isNaN(value) || value < min || value > max) {
      throw ConfigException.invalid(key(key), raw, "a number" + range(min, max));
    }
    return value;
  }

  public double number(String key, double min, double max, double defaultValue) {
    return has(key) ? number(key, min, max) : defaultValue;
  }

  /** A number that may be absent: no bound, no default. */
  public OptionalDouble optionalNumber(String key) {
    return has(key)
        ? OptionalDouble.of(number(key, -Double.MAX_VALUE, Double.MAX_VALUE))
        : OptionalDouble.empty();
  }

  /**
   * A duration written as HOCON does ({@code 7d}, {@code 36h}, {@code 0s}), at least {@code min};
   * {@code defaultValue} when absent.
   */
  public java.time.Duration duration(
      String key, java.time.Duration min, java.time.Duration defaultValue) {
    if (!has(key)) {
      return defaultValue;
    }
    Object raw = raw(key);
    java.time.Duration value;
    try {
      value = config.getDuration(key);
    } catch (com.typesafe.config.ConfigException e) {
      throw ConfigException.invalid(key(key), raw, "a duration such as 7d, 12h or 30m");
    }
    if (value.compareTo(min) < 0) {
      throw ConfigException.invalid(key(key), raw, "a duration of at least " + min);
    }
    return value;
  }

  public boolean bool(String key) {
    Object raw = raw(key);
    try {
      return config.getBoolean(key);
    } catch (com.typesafe.config.ConfigException e) {
      throw ConfigException.invalid(key(key), raw, "true or false");
    }
  }

  public boolean bool(String key, boolean defaultValue) {
    return has(key) ? bool(key) : defaultValue;
  }

  /** A list of strings; a single string is accepted as a list of one. */
  public List<String> stringList(String key) {
    if (!config.hasPath(key)) {
      return List.of();
    }
    ConfigValue value = config.getValue(key);
    if (value.valueType() == ConfigValueType.LIST) {
      List<String> out = new ArrayList<>();
      for (ConfigValue item : config.getList(key)) {
        if (item.valueType() == ConfigValueType.OBJECT
            || item.valueType() == ConfigValueType.LIST) {
          throw ConfigException.invalid(key(key), value.unwrapped(), "a list of strings");
        }
        out.add(String.valueOf(item.unwrapped()));
      }
      return List.copyOf(out);
    }
    if (value.valueType() == ConfigValueType.OBJECT) {
      throw ConfigException.invalid(key(key), value.unwrapped(), "a list of strings");
    }
    return List.of(String.valueOf(value.unwrapped()));
  }

  /**
   * A flat map of dotted keys to scalar values rendered as strings (Spark properties, say). Quoted
   * keys ({@code "spark.sql.x" = 1}) and nested ones ({@code spark.sql.x = 1}) read the same.
   */
  public Map<String, String> stringMap(String key) {
    Settings section = section(key);
    Map<String, String> out = new TreeMap<>();
    for (Map.Entry<String, ConfigValue> e : section.config.entrySet()) {
      String flat = String.join(".", ConfigUtil.splitPath(e.getKey()));
      ConfigValue v = e.getValue();
      if (v.valueType() == ConfigValueType.LIST) {
        throw ConfigException.invalid(section.key(flat), v.unwrapped(), "a plain value");
      }
      if (v.valueType() != ConfigValueType.NULL) {
        out.put(flat, String.valueOf(v.unwrapped()));
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /** This section's own entries as text, keys exactly as written (a quoted key keeps its dots). */
  public Map<String, String> stringMapOfKeys() {
    Map<String, String> out = new TreeMap<>();
    for (Map.Entry<String, ConfigValue> e : config.root().entrySet()) {
      ConfigValue v = e.getValue();
      if (v.valueType() == ConfigValueType.LIST || v.valueType() == ConfigValueType.OBJECT) {
        throw ConfigException.invalid(
            key("\"" + e.getKey() + "\""), v.unwrapped(), "a plain value");
      }
      out.put(e.getKey(), String.valueOf(v.unwrapped()));
    }
    return Collections.unmodifiableMap(out);
  }

  /** The value as the user wrote it, for error messages; null when absent. */
  public Object raw(String key) {
    if (!config.hasPath(key)) {
      return null;
    }
    return config.getValue(key).unwrapped();
  }

  /** The path of this section ("" for the root). */
  public String path() {
    return path;
  }

  private static String range(double min, double max) {
    boolean noMin = min == Long.MIN_VALUE || min == Integer.MIN_VALUE || min == -Double.MAX_VALUE;
    boolean noMax = max == Long.MAX_VALUE || max == Integer.MAX_VALUE || max == Double.MAX_VALUE;
    if (noMin && noMax) {
      return "";
    }
    if (noMax) {
      return " >= " + fmt(min);
    }
    if (noMin) {
      return " <= " + fmt(max);
    }
    return " in [" + fmt(min) + ", " + fmt(max) + "]";
  }

  private static String fmt(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
  }

  /** Levenshtein distance, for "did you mean" hints on unknown keys. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
