package io.lakeml.features;

import io.lakeml.config.Settings;
import java.util.List;

/**
 * {@code features.impute { numeric, numeric-value, categorical, categorical-value }} (or just
 * {@code impute = median}). Numeric: mean, median, mode (Spark's {@code Imputer}) or a constant.
 * Categorical, which Spark's {@code Imputer} cannot do: keep (a missing value is its own "unknown"
 * category), most-frequent (learned on the training rows) or a constant.
 */
public record Imputation(
    String numeric, double numericValue, String categorical, String categoricalValue) {
  public static final List<String> NUMERIC = List.of("mean", "median", "mode", "constant");
  public static final List<String> CATEGORICAL = List.of("keep", "most-frequent", "constant");

  public static Imputation of(String numeric) {
    return new Imputation(numeric, 0.0, "keep", "");
  }

  static Imputation from(Settings features) {
    if (!features.isSection("impute")) {
      return of(features.choice("impute", NUMERIC, "median"));
    }
    Settings s = features.section("impute");
    s.allowOnly("numeric", "numeric-value", "categorical", "categorical-value");
    String numeric = s.choice("numeric", NUMERIC, "median");
    String categorical = s.choice("categorical", CATEGORICAL, "keep");
    double numericValue =
        numeric.equals("constant")
            ? s.number("numeric-value", -Double.MAX_VALUE, Double.MAX_VALUE)
            : 0.0;
    String categoricalValue = categorical.equals("constant") ? s.string("categorical-value") : "";
    return new Imputation(numeric, numericValue, categorical, categoricalValue);
  }
}
