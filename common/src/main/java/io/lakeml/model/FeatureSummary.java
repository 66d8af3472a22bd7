package io.lakeml.model;

import io.lakeml.ml.JsonFields;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * What a model's feature stages were configured with and what they decided when fitted: the input
 * columns by kind, derived columns, binned columns, imputation, encoding, scaling, and the fitted
 * vector's size and PCA components.
 */
public record FeatureSummary(
    List<String> numeric,
    List<String> categorical,
    List<Derived> derived,
    List<String> dropped,
    List<String> binned,
    String imputeNumeric,
    String imputeCategorical,
    String encode,
    String scale,
    boolean pca,
    OptionalInt vectorSize,
    OptionalInt pcaComponents) {
  public FeatureSummary {
    numeric = List.copyOf(numeric);
    categorical = List.copyOf(categorical);
    derived = List.copyOf(derived);
    dropped = List.copyOf(dropped);
    binned = List.copyOf(binned);
  }

  /** A column computed from others by a SQL expression. */
  public record Derived(String name, String expr) {}

  /** The numeric inputs a model uses as numbers (binned ones become categories). */
  public List<String> plainNumeric() {
    return numeric.stream().filter(c -> !binned.contains(c)).toList();
  }

  Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("numeric", numeric);
    m.put("categorical", categorical);
    m.put(
        "derived",
        derived.stream()
            .map(
                d -> {
                  return JsonFields.object(
                      "name", d.name(),
                      "expr", d.expr());
                })
            .toList());
    m.put("dropped", dropped);
    m.put("binned", binned);
    Map<String, Object> impute = new LinkedHashMap<>();
    impute.put("numeric", imputeNumeric);
    impute.put("categorical", imputeCategorical);
    m.put("impute", impute);
    m.put("encode", encode);
    m.put("scale", scale);
    m.put("pca", pca);
    pcaComponents.ifPresent(k -> m.put("pca_components", k));
    vectorSize.ifPresent(n -> m.put("vector_size", n));
    return m;
  }

  static FeatureSummary fromMap(JsonFields m) {
    JsonFields impute = m.optionalObject("impute").orElse(JsonFields.of(Map.of(), "impute"));
    return new FeatureSummary(
        m.strings("numeric"),
        m.strings("categorical"),
        m.objects("derived").stream()
            .map(d -> new Derived(d.string("name"), d.string("expr")))
            .toList(),
        m.strings("dropped"),
        m.strings("binned"),
        impute.optionalString("numeric").orElse("mean"),
        impute.optionalString("categorical").orElse("keep"),
        m.optionalString("encode").orElse("one-hot"),
        m.optionalString("scale").orElse("standard"),
        m.bool("pca", false),
        m.has("vector_size") ? OptionalInt.of(m.intValue("vector_size")) : OptionalInt.empty(),
        m.has("pca_components")
            ? OptionalInt.of(m.intValue("pca_components"))
            : OptionalInt.empty());
  }
}
