package io.lakeml.train;

import java.util.Optional;

/** The column names the feature stages and the estimator agree on. */
public record TrainColumns(
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

  public static TrainColumns standard() {
    return new TrainColumns(
        FEATURES, LABEL, PREDICTION, PROBABILITY, RAW_PREDICTION, PROJECTION, Optional.empty());
  }

  /** The same columns with the per-row weight column {@value #WEIGHT}. */
  public TrainColumns weighted() {
    return new TrainColumns(
        features, label, prediction, probability, rawPrediction, projection, Optional.of(WEIGHT));
  }
}
