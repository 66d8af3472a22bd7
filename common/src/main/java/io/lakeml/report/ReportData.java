package io.lakeml.report;

import io.lakeml.train.Task;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything an evaluation report shows, gathered by the evaluate job (the Spark work happens
 * there; rendering only draws and writes).
 *
 * @param curve binary: every metric at every threshold, highest threshold first
 * @param calibration binary: predicted against observed rate per probability bin
 * @param actualVsPredicted regression: a sample of (actual, predicted)
 * @param projection a 2-D PCA projection of a sample of feature vectors, by cluster or class
 * @param searchTable the hyperparameter search's rows (clustering: silhouette and cost per k)
 */
public record ReportData(
    String model,
    int version,
    Task task,
    Map<String, Object> metadata,
    Map<String, Object> metrics,
    Optional<Threshold> threshold,
    List<Map<String, Object>> curve,
    List<Map<String, Object>> calibration,
    List<double[]> actualVsPredicted,
    Map<String, List<double[]>> projection,
    FeatureWeights weights,
    List<Map<String, String>> searchTable,
    List<Comparison> comparisons,
    Optional<Map<String, Object>> dataQuality,
    boolean champion) {

  /** The decision threshold of a binary model: what was chosen, how, and what it trades. */
  public record Threshold(
      double value,
      String policy,
      String chosenOn,
      Map<String, Object> atChosen,
      Map<String, Object> atHalf) {}

  /** Another model scored on the same test rows. */
  public record Comparison(
      String model,
      int version,
      String algorithm,
      boolean champion,
      Map<String, Object> metrics,
      List<Map<String, Object>> curve) {}
}
