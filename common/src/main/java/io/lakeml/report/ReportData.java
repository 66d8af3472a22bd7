package io.lakeml.report;

import io.lakeml.evaluation.BinaryEvaluation;
import io.lakeml.evaluation.ThresholdCurve;
import io.lakeml.explain.Explainer;
import io.lakeml.ml.ConfusionMatrix;
import io.lakeml.ml.Metrics;
import io.lakeml.ml.Split;
import io.lakeml.ml.Task;
import io.lakeml.model.ModelMetadata;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything an evaluation report shows, gathered by the evaluate step (the Spark work happens
 * there; rendering only draws and writes).
 *
 * @param metadata the model's metadata as evaluation updated it
 * @param metrics the test metrics (binary: at the chosen threshold)
 * @param curve binary: every rate at every threshold, highest threshold first
 * @param calibration binary: predicted against observed rate per probability bin
 * @param actualVsPredicted regression: a sample of (actual, predicted)
 * @param projection a 2-D PCA projection of a sample of feature vectors, by cluster or class
 * @param searchTable the hyperparameter search's rows (clustering: silhouette and cost per k)
 * @param champion whether this version is its model's champion
 */
public record ReportData(
    ModelMetadata metadata,
    Metrics metrics,
    Optional<Threshold> threshold,
    List<ThresholdCurve.Rates> curve,
    List<BinaryEvaluation.CalibrationBin> calibration,
    List<double[]> actualVsPredicted,
    Map<String, List<double[]>> projection,
    FeatureWeights weights,
    Optional<Explainer.Summary> explanations,
    List<Map<String, String>> searchTable,
    List<Comparison> comparisons,
    Optional<DataQuality> dataQuality,
    boolean champion) {

  public String model() {
    return metadata.name();
  }

  public int version() {
    return metadata.version();
  }

  public Task task() {
    return metadata.task();
  }

  /**
   * The decision threshold of a binary model: what was chosen, how, on which rows, and the counts
   * it gives on the test rows beside those of the default 0.5.
   */
  public record Threshold(
      double value,
      String policy,
      Split chosenOn,
      ConfusionMatrix atChosen,
      ConfusionMatrix atHalf) {}

  /** Another model scored on the same test rows. */
  public record Comparison(
      String model,
      int version,
      String algorithm,
      boolean champion,
      Metrics metrics,
      List<ThresholdCurve.Rates> curve) {}

  /**
   * The data-quality summary of the ingest that produced the training data: its counts and the
   * outcome of each check, as its report recorded them, and the link to that day's data profile
   * page, relative to the model's report, when the page exists.
   */
  public record DataQuality(
      Map<String, Object> counts, List<Map<String, Object>> checks, Optional<String> profile) {}
}
