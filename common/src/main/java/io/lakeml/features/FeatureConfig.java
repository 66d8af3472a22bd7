package io.lakeml.features;

import io.lakeml.config.ConfigException;
import io.lakeml.config.Settings;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code features { numeric, categorical, impute, scale, drop }}: the feature stages fitted with
 * the model. Columns listed in {@code drop} are removed from both lists (a domain expert's call,
 * such as {@code umbrella_limit} for fraud).
 */
public record FeatureConfig(
    List<String> numeric,
    List<String> categorical,
    String impute,
    String scale,
    List<String> drop) {
  public static final List<String> IMPUTE = List.of("mean", "median");
  public static final List<String> SCALE = List.of("none", "standard", "min-max");

  public FeatureConfig {
    numeric = List.copyOf(numeric);
    categorical = List.copyOf(categorical);
    drop = List.copyOf(drop);
  }

  public static FeatureConfig from(Settings s) {
    s.allowOnly("numeric", "categorical", "impute", "scale", "drop");
    List<String> numeric = s.stringList("numeric");
    List<String> categorical = s.stringList("categorical");
    if (numeric.isEmpty() && categorical.isEmpty()) {
      throw ConfigException.invalid(
          s.key("numeric"), s.raw("numeric"), "at least one numeric or categorical column");
    }
    Set<String> seen = new HashSet<>();
    for (String c : concat(numeric, categorical)) {
      if (!seen.add(c)) {
        throw ConfigException.invalid(s.key("categorical"), c, "each column listed once");
      }
    }
    return new FeatureConfig(
        numeric,
        categorical,
        s.choice("impute", IMPUTE, "median"),
        s.choice("scale", SCALE, "standard"),
        s.stringList("drop"));
  }

  /** Numeric inputs after {@code drop}. */
  public List<String> numericInputs() {
    return numeric.stream().filter(c -> !drop.contains(c)).toList();
  }

  /** Categorical inputs after {@code drop}. */
  public List<String> categoricalInputs() {
    return categorical.stream().filter(c -> !drop.contains(c)).toList();
  }

  /** Every raw column the features read. */
  public List<String> inputColumns() {
    return concat(numericInputs(), categoricalInputs());
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
