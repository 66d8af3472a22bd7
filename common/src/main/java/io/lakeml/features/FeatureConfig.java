package io.lakeml.features;

import io.lakeml.config.ConfigException;
import io.lakeml.config.Settings;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code features { numeric, categorical, derived, drop, impute, encode, order, bin, scale, select,
 * pca }}: the feature stages fitted with the model. Columns listed in {@code drop} are removed
 * wherever they appear (a domain expert's call, such as {@code umbrella_limit} for fraud).
 *
 * @param encoding {@code one-hot} or {@code index} (label encoding, for trees)
 * @param order the order of category indices, as Spark's {@code StringIndexer} names it
 */
public record FeatureConfig(
    List<String> numeric,
    List<String> categorical,
    List<DerivedColumn> derived,
    List<String> drop,
    Imputation impute,
    String encoding,
    String order,
    List<Binning> bins,
    String scale,
    Selection select,
    Optional<PcaSpec> pca) {
  public static final List<String> SCALE = List.of("none", "standard", "min-max", "robust");
  public static final List<String> ENCODING = List.of("one-hot", "index");
  public static final List<String> ORDER =
      List.of("frequency-desc", "frequency-asc", "alphabet-asc", "alphabet-desc");

  public FeatureConfig {
    numeric = List.copyOf(numeric);
    categorical = List.copyOf(categorical);
    derived = List.copyOf(derived);
    drop = List.copyOf(drop);
    bins = List.copyOf(bins);
  }

  /** Numeric and categorical columns with one numeric imputation and scaling, nothing else. */
  public static FeatureConfig of(
      List<String> numeric, List<String> categorical, String impute, String scale) {
    return new FeatureConfig(
        numeric,
        categorical,
        List.of(),
        List.of(),
        Imputation.of(impute),
        "one-hot",
        "frequency-desc",
        List.of(),
        scale,
        Selection.NONE,
        Optional.empty());
  }

  public static FeatureConfig from(Settings s) {
    s.allowOnly(
        "numeric",
        "categorical",
        "derived",
        "drop",
        "impute",
        "encode",
        "order",
        "bin",
        "scale",
        "select",
        "pca");
    List<String> numeric = s.stringList("numeric");
    List<String> categorical = s.stringList("categorical");
    List<DerivedColumn> derived =
        s.sectionList("derived").stream().map(DerivedColumn::from).toList();
    if (numeric.isEmpty() && categorical.isEmpty() && derived.isEmpty()) {
      throw ConfigException.invalid(
          s.key("numeric"), s.raw("numeric"), "at least one numeric or categorical column");
    }
    Set<String> seen = new HashSet<>();
    for (String c : numeric) {
      requireOnce(seen, c, s.key("numeric"));
    }
    for (String c : categorical) {
      requireOnce(seen, c, s.key("categorical"));
    }
    for (DerivedColumn d : derived) {
      requireOnce(seen, d.name(), s.key("derived"));
    }
    FeatureConfig config =
        new FeatureConfig(
            numeric,
            categorical,
            derived,
            s.stringList("drop"),
            Imputation.from(s),
            s.choice("encode", ENCODING, "one-hot"),
            s.choice("order", ORDER, "frequency-desc"),
            s.sectionList("bin").stream().map(Binning::from).toList(),
            s.choice("scale", SCALE, "standard"),
            Selection.from(s.section("select")),
            s.has("pca") ? Optional.of(PcaSpec.from(s.section("pca"))) : Optional.empty());
    for (Binning b : config.bins()) {
      if (!config.numericInputs().contains(b.column())) {
        throw ConfigException.invalid(
            s.key("bin"), b.column(), "a numeric feature " + config.numericInputs());
      }
    }
    if (config.numericInputs().isEmpty() && config.categoricalInputs().isEmpty()) {
      throw ConfigException.invalid(s.key("drop"), config.drop(), "to leave at least one feature");
    }
    return config;
  }

  private static void requireOnce(Set<String> seen, String column, String key) {
    if (!seen.add(column)) {
      throw ConfigException.invalid(key, column, "each column listed once");
    }
  }

  /** Numeric features after {@code drop}: declared, then derived. Binned ones included. */
  public List<String> numericInputs() {
    List<String> out = new ArrayList<>(numeric);
    derived.stream().filter(d -> !d.categorical()).forEach(d -> out.add(d.name()));
    out.removeAll(drop);
    return out;
  }

  /** Categorical features after {@code drop}: declared, then derived. */
  public List<String> categoricalInputs() {
    List<String> out = new ArrayList<>(categorical);
    derived.stream().filter(DerivedColumn::categorical).forEach(d -> out.add(d.name()));
    out.removeAll(drop);
    return out;
  }

  /** Every column the features read from an input row (derived columns' inputs included). */
  public List<String> inputColumns() {
    Set<String> derivedNames = new HashSet<>();
    derived.forEach(d -> derivedNames.add(d.name()));
    Set<String> out = new LinkedHashSet<>();
    for (String c : numericInputs()) {
      if (!derivedNames.contains(c)) {
        out.add(c);
      }
    }
    for (String c : categoricalInputs()) {
      if (!derivedNames.contains(c)) {
        out.add(c);
      }
    }
    for (DerivedColumn d : derived) {
      if (!drop.contains(d.name())) {
        d.reads().stream().filter(c -> !derivedNames.contains(c)).forEach(out::add);
      }
    }
    return List.copyOf(out);
  }

  /** Every feature before encoding: declared and derived, after {@code drop}. */
  public List<String> featureColumns() {
    List<String> out = new ArrayList<>(numericInputs());
    out.addAll(categoricalInputs());
    return out;
  }

  boolean isBinned(String column) {
    return bins.stream().anyMatch(b -> b.column().equals(column));
  }
}
