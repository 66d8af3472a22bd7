package io.lakeml.model;

import io.lakeml.config.ConfigException;
import io.lakeml.config.ConfigName;
import io.lakeml.config.Settings;
import io.lakeml.ml.JsonFields;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code evaluate.threshold}: how a binary model's decision threshold is chosen, for a business
 * goal rather than by habit; saved with the model, since scoring decides with it.
 *
 * <ul>
 *   <li>{@code 0.5}: a fixed threshold;
 *   <li>{@code { policy = max-f1 }} or {@code max-f-beta} (with {@code evaluate.beta}): the best
 *       balance of precision and recall;
 *   <li>{@code { policy = min-recall, value = 0.95 }}: catch at least 95 % of the positives (a bank
 *       that must catch fraud and accepts false alarms), with as few false alarms as that allows;
 *   <li>{@code { policy = min-specificity, value = 0.99 }} or {@code min-precision}: false
 *       positives are what must not happen (content flagged safe for children must be safe); catch
 *       as many positives as that allows;
 *   <li>{@code { policy = min-cost, fp-cost = 1, fn-cost = 20 }}: the lowest expected cost.
 * </ul>
 *
 * @param value the fixed threshold, or the target rate of a {@code min-*} rate policy
 */
public record ThresholdPolicy(Kind kind, double value, double fpCost, double fnCost) {
  /** The policies, by their name in config. */
  public enum Kind implements ConfigName {
    FIXED("fixed"),
    MAX_F1("max-f1"),
    MAX_F_BETA("max-f-beta"),
    MIN_RECALL("min-recall"),
    MIN_SPECIFICITY("min-specificity"),
    MIN_PRECISION("min-precision"),
    MIN_COST("min-cost");

    private final String configName;

    Kind(String configName) {
      this.configName = configName;
    }

    public String configName() {
      return configName;
    }

    /** Whether the policy keeps a rate at or above its {@code value}. */
    public boolean isRateTarget() {
      return this == MIN_RECALL || this == MIN_SPECIFICITY || this == MIN_PRECISION;
    }

    static Kind byName(String name) {
      return ConfigName.of(Kind.class, name, "threshold policy");
    }
  }

  public static ThresholdPolicy fixed(double threshold) {
    return new ThresholdPolicy(Kind.FIXED, threshold, 1.0, 1.0);
  }

  /** Reads {@code evaluate.threshold}: a number, or a section naming a policy. */
  public static ThresholdPolicy from(Settings evaluate) {
    if (!evaluate.isSection("threshold")) {
      return fixed(evaluate.number("threshold", 0.0, 1.0, 0.5));
    }
    Settings s = evaluate.section("threshold");
    s.allowOnly("policy", "value", "fp-cost", "fn-cost");
    Kind kind = s.choice("policy", Kind.class);
    double value = kind == Kind.FIXED || kind.isRateTarget() ? s.number("value", 0.0, 1.0) : 0.0;
    double fpCost = 1.0;
    double fnCost = 1.0;
    if (kind == Kind.MIN_COST) {
      fpCost = s.number("fp-cost", 0.0, Double.MAX_VALUE);
      fnCost = s.number("fn-cost", 0.0, Double.MAX_VALUE);
      if (fpCost + fnCost <= 0) {
        throw ConfigException.invalid(s.key("fn-cost"), fnCost, "costs that are not both 0");
      }
    }
    return new ThresholdPolicy(kind, value, fpCost, fnCost);
  }

  /** The policy in words, for reports. */
  public String describe() {
    return switch (kind) {
      case FIXED -> String.format(Locale.ROOT, "fixed at %s", value);
      case MAX_F1 -> "maximize F1";
      case MAX_F_BETA -> "maximize F-beta";
      case MIN_RECALL -> String.format(Locale.ROOT, "recall >= %s, fewest false alarms", value);
      case MIN_SPECIFICITY ->
          String.format(Locale.ROOT, "specificity >= %s, most positives caught", value);
      case MIN_PRECISION ->
          String.format(Locale.ROOT, "precision >= %s, most positives caught", value);
      case MIN_COST ->
          String.format(
              Locale.ROOT, "lowest cost (false positive %s, false negative %s)", fpCost, fnCost);
    };
  }

  /** The JSON form: the policy and the settings it uses. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("policy", kind.configName());
    if (kind == Kind.FIXED || kind.isRateTarget()) {
      m.put("value", value);
    }
    if (kind == Kind.MIN_COST) {
      m.put("fp_cost", fpCost);
      m.put("fn_cost", fnCost);
    }
    return m;
  }

  static ThresholdPolicy fromMap(JsonFields m) {
    Kind kind = Kind.byName(m.string("policy"));
    return new ThresholdPolicy(
        kind,
        m.optionalNumber("value").orElse(0.0),
        m.optionalNumber("fp_cost").orElse(1.0),
        m.optionalNumber("fn_cost").orElse(1.0));
  }
}
