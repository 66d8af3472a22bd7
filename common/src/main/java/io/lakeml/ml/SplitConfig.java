package io.lakeml.ml;

import io.lakeml.config.ConfigException;
import io.lakeml.config.Settings;
import java.util.List;

/**
 * {@code train.split { train, validation, test, seed, key, stratify }}. A row's split is a function
 * of the seed, its key columns and (when stratified) the rows of its class only, so it is the same
 * on every re-run and for any partitioning. Without key columns every column of the row is the key.
 * Classification splits are stratified by label unless {@code stratify = false}.
 */
public record SplitConfig(
    double train, double validation, double test, long seed, List<String> key, boolean stratify) {
  public SplitConfig {
    key = List.copyOf(key);
  }

  /** An unstratified split. */
  public SplitConfig(double train, double validation, double test, long seed, List<String> key) {
    this(train, validation, test, seed, key, false);
  }

  public static SplitConfig from(Settings s) {
    s.allowOnly("train", "validation", "test", "seed", "key", "stratify");
    double train = s.number("train", 0.0, 1.0, 0.8);
    double validation = s.number("validation", 0.0, 1.0, 0.0);
    double test = s.number("test", 0.0, 1.0, 1.0 - train - validation);
    if (train <= 0.0) {
      throw ConfigException.invalid(s.key("train"), train, "a fraction > 0");
    }
    if (test <= 0.0) {
      throw ConfigException.invalid(s.key("test"), test, "a fraction > 0");
    }
    double sum = train + validation + test;
    if (Math.abs(sum - 1.0) > 1e-9) {
      throw ConfigException.invalid(
          s.key("test"), test, "train + validation + test = 1 (they sum to " + sum + ")");
    }
    return new SplitConfig(
        train,
        validation,
        test,
        s.longValue("seed", Long.MIN_VALUE, Long.MAX_VALUE, 42),
        s.stringList("key"),
        s.bool("stratify", true));
  }

  /** The same split, stratified or not. */
  public SplitConfig withStratify(boolean stratify) {
    return new SplitConfig(train, validation, test, seed, key, stratify);
  }
}
