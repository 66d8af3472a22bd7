package io.lakeml.ml;

import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

/**
 * The column names the feature stages, the estimator, the metrics and scoring agree on: the one
 * feature vector, the encoded label, and what a fitted model adds.
 */
public record ModelColumns(
    String features,
    String label,
    String prediction,
    String probability,
    String rawPrediction,
    String projection,
    Optional<String> weight) {
  public static final String FEATURES = "features";
  public static final String LABEL = "label";
  public static final String PREDICTION = "prediction";
  public static final String PROBABILITY = "probability";
  public static final String RAW_PREDICTION = "rawPrediction";
  public static final String PROJECTION = "projection";
  public static final String WEIGHT = "_weight";

  public static ModelColumns standard() {
    return new ModelColumns(
        FEATURES, LABEL, PREDICTION, PROBABILITY, RAW_PREDICTION, PROJECTION, Optional.empty());
  }

  /** The same columns with the per-row weight column {@value #WEIGHT}. */
  public ModelColumns weighted() {
    return new ModelColumns(
        features, label, prediction, probability, rawPrediction, projection, Optional.of(WEIGHT));
  }

  /** The probability of the positive class (index 1) of a binary model, as a plain double. */
  public static Column positiveProbability() {
    return org.apache
        .spark
        .ml
        .functions
        .vector_to_array(functions.col(PROBABILITY), "float64")
        .getItem(1);
  }
}
