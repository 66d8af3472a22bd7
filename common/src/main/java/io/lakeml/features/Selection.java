package io.lakeml.features;

import io.lakeml.config.ConfigException;
import io.lakeml.config.Settings;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * {@code features.select { variance-threshold, univariate { test, mode, value } }}: feature
 * selection on the assembled vector, learned on the training rows. {@code variance-threshold} drops
 * features whose variance is not above it; {@code univariate} keeps the features that score best
 * against the label by a chi-square test (categorical features and label), ANOVA F (continuous
 * features, categorical label) or F-regression (continuous features and label).
 */
public record Selection(OptionalDouble varianceThreshold, Optional<Univariate> univariate) {
  public static final Selection NONE = new Selection(OptionalDouble.empty(), Optional.empty());

  /** Spark's {@code UnivariateFeatureSelector} settings. */
  public record Univariate(String test, String mode, double value) {
    public static final Map<String, String[]> TESTS =
        Map.of(
            "chi-square", new String[] {"categorical", "categorical"},
            "anova", new String[] {"continuous", "categorical"},
            "f-regression", new String[] {"continuous", "continuous"});
    public static final Map<String, String> MODES =
        Map.of(
            "top", "numTopFeatures",
            "percentile", "percentile",
            "fpr", "fpr",
            "fdr", "fdr",
            "fwe", "fwe");

    String featureType() {
      return TESTS.get(test)[0];
    }

    String labelType() {
      return TESTS.get(test)[1];
    }

    String sparkMode() {
      return MODES.get(mode);
    }
  }

  static Selection from(Settings s) {
    s.allowOnly("variance-threshold", "univariate");
    OptionalDouble variance =
        s.has("variance-threshold")
            ? OptionalDouble.of(s.number("variance-threshold", 0.0, Double.MAX_VALUE))
            : OptionalDouble.empty();
    Optional<Univariate> univariate = Optional.empty();
    if (s.has("univariate")) {
      Settings u = s.section("univariate");
      u.allowOnly("test", "mode", "value");
      String test = u.choice("test", List.of("chi-square", "anova", "f-regression"));
      String mode = u.choice("mode", List.of("top", "percentile", "fpr", "fdr", "fwe"), "top");
      double value =
          mode.equals("top")
              ? u.integer("value", 1, Integer.MAX_VALUE)
              : u.number("value", 0.0, 1.0);
      if (!mode.equals("top") && value <= 0.0) {
        throw ConfigException.invalid(u.key("value"), value, "a fraction in (0, 1]");
      }
      univariate = Optional.of(new Univariate(test, mode, value));
    }
    return new Selection(variance, univariate);
  }

  public boolean needsLabel() {
    return univariate.isPresent();
  }
}
