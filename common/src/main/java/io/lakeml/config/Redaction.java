package io.lakeml.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which configuration values are secrets, and their masked form: every key whose name matches
 * {@code redaction.pattern} (by default {@value #DEFAULT}, case-insensitive). lakeml masks them
 * wherever it writes configuration (the run manifest's layers, {@code --validate}'s resolved
 * configuration) and hands the same pattern to Spark as {@code spark.redaction.regex}, which masks
 * them in Spark's logs, UI and event log.
 */
public final class Redaction {
  /** The built-in pattern: Spark's own, and the names AWS and JDBC credentials go by. */
  public static final String DEFAULT =
      "(?i)secret|password|passwd|token|credential|access[._-]?key|session[._-]?key|private[._-]?key";

  /** What a secret's value becomes. */
  public static final String MASK = "*********(redacted)";

  private final Pattern pattern;

  private Redaction(Pattern pattern) {
    this.pattern = pattern;
  }

  public static Redaction of(String regex) {
    try {
      return new Redaction(Pattern.compile(regex));
    } catch (PatternSyntaxException e) {
      throw ConfigException.invalid("redaction.pattern", regex, "a Java regular expression");
    }
  }

  /** {@code redaction.pattern} of a resolved configuration, else the built-in one. */
  public static Redaction of(Config resolved) {
    String key = "redaction.pattern";
    return of(resolved.hasPath(key) ? resolved.getString(key) : DEFAULT);
  }

  /** The pattern, as Spark's {@code spark.redaction.regex} takes it. */
  public String pattern() {
    return pattern.pattern();
  }

  /** Whether a key (a configuration path, a Spark property) names a secret. */
  public boolean isSecret(String key) {
    return pattern.matcher(key).find();
  }

  /** A {@code --set key=value} as it may be shown: the value masked when the key is a secret's. */
  public String override(String keyValue) {
    int eq = keyValue.indexOf('=');
    return eq > 0 && isSecret(keyValue.substring(0, eq))
        ? keyValue.substring(0, eq + 1) + MASK
        : keyValue;
  }

  /** The configuration with every secret's value masked. */
  public Config redact(Config config) {
    Config out = config;
    for (Map.Entry<String, ConfigValue> e : config.entrySet()) {
      if (isSecret(e.getKey())) {
        out = out.withValue(e.getKey(), ConfigValueFactory.fromAnyRef(MASK));
      }
    }
    return out;
  }
}
