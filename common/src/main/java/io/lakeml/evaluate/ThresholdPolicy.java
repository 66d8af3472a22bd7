package io.lakeml.evaluate;

import io.lakeml.config.ConfigException;
import io.lakeml.config.Settings;
import io.lakeml.job.DataQualityException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code evaluate.threshold}: how a binary model's decision threshold is chosen, for a business
 * goal rather than by habit.
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
 */
public record ThresholdPolicy(String policy, double value, double fpCost, double fnCost) {
  public static final List<String> POLICIES =
      List.of(
          "fixed",
          "max-f1",
          "max-f-beta",
          "min-recall",
          "min-specificity",
          "min-precision",
          "min-cost");

  public static ThresholdPolicy fixed(double threshold) {
    return new ThresholdPolicy("fixed", threshold, 1.0, 1.0);
  }

  static ThresholdPolicy from(Settings evaluate) {
    if (!evaluate.isSection("threshold")) {
      return fixed(evaluate.number("threshold", 0.0, 1.0, 0.5));
    }
    Settings s = evaluate.section("threshold");
    s.allowOnly("policy", "value", "fp-cost", "fn-cost");
    String policy = s.choice("policy", POLICIES);
    double value =
        switch (policy) {
          case "fixed", "min-recall", "min-specificity", "min-precision" ->
              s.number("value", 0.0, 1.0);
          default -> 0.0;
        };
    double fpCost = 1.0;
    double fnCost = 1.0;
    if (policy.equals("min-cost")) {
      fpCost = s.number("fp-cost", 0.0, Double.MAX_VALUE);
      fnCost = s.number("fn-cost", 0.0, Double.MAX_VALUE);
      if (fpCost + fnCost <= 0) {
        throw ConfigException.invalid(s.key("fn-cost"), fnCost, "costs that are not both 0");
      }
    }
    return new ThresholdPolicy(policy, value, fpCost, fnCost);
  }

  /** The chosen threshold and why. */
  public record Choice(double threshold, String reason) {}

  /** Chooses a threshold on a curve (from validation rows where the model has them). */
  public Choice choose(ThresholdCurve curve, double beta) {
    List<ThresholdCurve.Point> points = curve.points();
    ThresholdCurve.Point best = null;
    double bestValue = Double.NEGATIVE_INFINITY;
    for (ThresholdCurve.Point p : points) {
      ConfusionMatrix c = p.counts();
      double v =
          switch (policy) {
            case "fixed" -> -Math.abs(p.threshold() - value);
            case "max-f1" -> c.f1();
            case "max-f-beta" -> c.fBeta(beta);
              // Highest threshold that reaches the recall: points run from high to low threshold,
              // so the first qualifying one wins (strict > below keeps it).
            case "min-recall" -> c.recall() >= value ? 1.0 : Double.NaN;
              // Lowest threshold that keeps the rate: the last qualifying one wins (>= below).
            case "min-specificity" -> c.specificity() >= value ? c.recall() : Double.NaN;
            case "min-precision" -> c.precision() >= value ? c.recall() : Double.NaN;
            case "min-cost" -> -c.cost(fpCost, fnCost);
            default -> throw new IllegalStateException(policy);
          };
      if (Double.isNaN(v)) {
        continue;
      }
      boolean preferLower = policy.equals("min-specificity") || policy.equals("min-precision");
      if (best == null || v > bestValue || (preferLower && v == bestValue)) {
        best = p;
        bestValue = v;
      }
    }
    if (policy.equals("fixed")) {
      return new Choice(value, "fixed threshold");
    }
    if (best == null) {
      throw new DataQualityException(
          String.format(
              Locale.ROOT,
              "evaluate.threshold: no threshold reaches %s >= %s on these rows; lower the target"
                  + " or improve the model",
              policy.substring(4),
              value));
    }
    ConfusionMatrix c = best.counts();
    return new Choice(
        best.threshold(),
        String.format(
            Locale.ROOT,
            "%s: precision %.3f, recall %.3f, specificity %.3f (tp %d, fp %d, fn %d, tn %d)",
            describe(),
            c.precision(),
            c.recall(),
            c.specificity(),
            c.tp(),
            c.fp(),
            c.fn(),
            c.tn()));
  }

  /** The policy in words, for reports. */
  public String describe() {
    return switch (policy) {
      case "fixed" -> String.format(Locale.ROOT, "fixed at %s", value);
      case "max-f1" -> "maximize F1";
      case "max-f-beta" -> "maximize F-beta";
      case "min-recall" -> String.format(Locale.ROOT, "recall >= %s, fewest false alarms", value);
      case "min-specificity" ->
          String.format(Locale.ROOT, "specificity >= %s, most positives caught", value);
      case "min-precision" ->
          String.format(Locale.ROOT, "precision >= %s, most positives caught", value);
      case "min-cost" ->
          String.format(
              Locale.ROOT, "lowest cost (false positive %s, false negative %s)", fpCost, fnCost);
      default -> policy;
    };
  }

  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("policy", policy);
    if (!policy.startsWith("max") && !policy.equals("min-cost")) {
      m.put("value", value);
    }
    if (policy.equals("min-cost")) {
      m.put("fp_cost", fpCost);
      m.put("fn_cost", fnCost);
    }
    return m;
  }
}
