package io.lakeml.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakeml.evaluation.BinaryEvaluation;
import io.lakeml.evaluation.ThresholdCurve;
import io.lakeml.explain.Explainer;
import io.lakeml.io.Json;
import io.lakeml.io.LakeFiles;
import io.lakeml.ml.ConfusionMatrix;
import io.lakeml.ml.Metrics;
import io.lakeml.ml.Split;
import io.lakeml.ml.Task;
import io.lakeml.model.ModelMetadata;
import io.lakeml.testing.MetadataFixtures;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every task's report renders into one self-contained page: the charts the task calls for are
 * drawn, embedded as decodable PNGs and written beside the page; nothing is fetched from elsewhere.
 */
class EvaluationReportTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Task.class)
  void rendersEveryChartOfTheTaskIntoOneSelfContainedPage(Task task) throws Exception {
    String out = dir.toUri() + task.name().toLowerCase();
    ReportData data = data(task);
    String page = EvaluationReport.write(new LakeFiles(new Configuration()), out, data);
    String html = Files.readString(Path.of(java.net.URI.create(page)));

    assertThat(html).doesNotContain("http://").doesNotContain("https://").doesNotContain("<script");
    List<String> expected = expectedCharts(task);
    for (String chart : expected) {
      Path png = Path.of(java.net.URI.create(out + "/" + chart + ".png"));
      BufferedImage image = ImageIO.read(png.toFile());
      assertThat(image).as(chart).isNotNull();
      // Wide charts, or square ones: rate against rate, confusion matrices.
      assertThat(image.getWidth()).as(chart).isIn(Charts.WIDTH, Charts.SQUARE);
    }
    Matcher m = Pattern.compile("src=\"data:image/png;base64,([^\"]+)\"").matcher(html);
    int embedded = 0;
    while (m.find()) {
      byte[] bytes = java.util.Base64.getDecoder().decode(m.group(1));
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
      assertThat(image).isNotNull();
      // The page reserves each image's own size.
      assertThat(html)
          .contains(
              "width=\""
                  + image.getWidth()
                  + "\" height=\""
                  + image.getHeight()
                  + "\" src=\"data:image/png;base64,"
                  + m.group(1).substring(0, 40));
      embedded++;
    }
    assertThat(embedded).isEqualTo(expected.size());
    if (task == Task.BINARY) {
      assertThat(html)
          .contains("Why it predicts what it does")
          .contains("521585")
          .contains("incident_severity = Major Damage +2.125");
    }
    assertThat(html)
        .contains("Run information")
        .contains(data.model() + " v" + data.version())
        .contains("<style>body{");
  }

  private static List<String> expectedCharts(Task task) {
    List<String> charts =
        new ArrayList<>(
            switch (task) {
              case BINARY ->
                  List.of(
                      "confusion_matrix",
                      "roc",
                      "pr",
                      "threshold_metrics",
                      "gain",
                      "lift",
                      "calibration");
              case MULTICLASS -> List.of("confusion_matrix", "per_class", "projection_2d");
              case REGRESSION -> List.of("predicted_vs_actual", "residuals");
              case CLUSTERING ->
                  List.of("cluster_sizes", "projection_2d", "silhouette_by_k", "cost_by_k");
              case PROJECTION -> List.of("scree", "cumulative_variance", "projection_2d");
            });
    if (task == Task.BINARY || task == Task.REGRESSION) {
      charts.add("feature_weights");
    }
    if (task == Task.BINARY) {
      charts.addAll(List.of("explanations", "compare_roc", "compare_pr"));
    }
    return charts;
  }

  /** A real model's metadata for each task; pca's from the clustering one, re-tasked. */
  private static ModelMetadata metadata(Task task) {
    return switch (task) {
      case BINARY -> MetadataFixtures.load("fraud_lr");
      case MULTICLASS -> MetadataFixtures.load("digits_pca_lr");
      case REGRESSION -> MetadataFixtures.load("penguin_mass");
      case CLUSTERING -> MetadataFixtures.load("customer_segments");
      case PROJECTION -> {
        Map<String, Object> m = Json.readMap(MetadataFixtures.json("customer_segments"));
        m.put("task", Task.PROJECTION.displayName());
        m.put("algorithm", "pca");
        m.remove("search");
        m.put("test_metrics", projection().toMap());
        yield ModelMetadata.parse(Json.write(m), "pca.json");
      }
    };
  }

  private static Metrics.Projection projection() {
    return new Metrics.Projection(100, 2, List.of(0.6, 0.3), List.of(0.6, 0.9));
  }

  private static Metrics metrics(Task task) {
    return switch (task) {
      case BINARY ->
          new Metrics.Binary(100, 0.4, new ConfusionMatrix(10, 5, 3, 82), 2.0, 0.8, 0.6, 0.4, 0.1);
      case MULTICLASS ->
          new Metrics.Multiclass(
              10,
              0.9,
              0.9,
              0.9,
              0.9,
              0.3,
              Map.of(
                  "a", new Metrics.ClassMetrics(1.0, 0.8, 0.9),
                  "b", new Metrics.ClassMetrics(0.8, 1.0, 0.9)),
              Map.of("a", Map.of("a", 5L, "b", 1L), "b", Map.of("a", 0L, "b", 4L)));
      case REGRESSION -> new Metrics.Regression(100, 1.0, 0.8, 0.9, 0.1, 0.9);
      case CLUSTERING ->
          new Metrics.Clustering(100, 3, 0.6, 12.0, Map.of("0", 40L, "1", 30L, "2", 30L));
      case PROJECTION -> projection();
    };
  }

  /**
   * Eleven thresholds from flagging nothing to flagging every row of 10 positives, 90 negatives.
   */
  private static List<ThresholdCurve.Rates> curve() {
    List<ThresholdCurve.Rates> curve = new ArrayList<>();
    for (int i = 0; i <= 10; i++) {
      long fp = Math.round(90 * (i / 10.0) * (i / 10.0));
      ConfusionMatrix c = new ConfusionMatrix(i, fp, 10 - i, 90 - fp);
      double flagged = (i + fp) / 100.0;
      curve.add(
          new ThresholdCurve.Rates(
              i == 0 ? Math.nextUp(1.0) : 1.0 - i / 10.0,
              c,
              c.fBeta(2),
              flagged,
              flagged == 0 ? Double.NaN : c.recall() / flagged,
              c.cost(1, 1)));
    }
    return curve;
  }

  private static ReportData data(Task task) {
    boolean binary = task == Task.BINARY;
    List<ThresholdCurve.Rates> curve = binary ? curve() : List.of();
    List<BinaryEvaluation.CalibrationBin> calibration = new ArrayList<>();
    for (int i = 0; binary && i < 10; i++) {
      calibration.add(new BinaryEvaluation.CalibrationBin(i, 10, i / 10.0 + 0.05, i / 11.0));
    }
    Map<String, List<double[]>> projection = new LinkedHashMap<>();
    if (task == Task.MULTICLASS || task == Task.CLUSTERING || task == Task.PROJECTION) {
      projection.put("a", List.of(new double[] {0, 1}, new double[] {1, 2}));
      projection.put("b", List.of(new double[] {3, 1}));
    }
    return new ReportData(
        metadata(task),
        metrics(task),
        binary
            ? Optional.of(
                new ReportData.Threshold(
                    0.4,
                    "maximize F1",
                    Split.TEST,
                    new ConfusionMatrix(10, 5, 3, 82),
                    new ConfusionMatrix(8, 2, 5, 85)))
            : Optional.empty(),
        curve,
        calibration,
        task == Task.REGRESSION ? List.of(new double[] {1, 1.1}, new double[] {2, 1.8}) : List.of(),
        projection,
        binary
            ? new FeatureWeights("coefficient", Map.of("age", 0.5, "state = OH", -0.2))
            : task == Task.REGRESSION
                ? new FeatureWeights("importance", Map.of("x", 0.7, "y", 0.3))
                : FeatureWeights.NONE,
        binary
            ? Optional.of(
                new Explainer.Summary(
                    100,
                    Map.of("age", 0.8, "state = OH", 0.1),
                    List.of(
                        new Explainer.Case(
                            Map.of("policy_number", "521585"),
                            0.97,
                            List.of(
                                new Explainer.Reason("incident_severity = Major Damage", 2.125),
                                new Explainer.Reason("age", -0.25))))))
            : Optional.empty(),
        task == Task.CLUSTERING
            ? List.of(
                Map.of("k", "2", "mean_silhouette", "0.5", "mean_wcss", "10"),
                Map.of("k", "3", "mean_silhouette", "0.6", "mean_wcss", "6"))
            : List.of(),
        binary
            ? List.of(
                new ReportData.Comparison(
                    "other", 2, "gbt-classifier", true, metrics(Task.BINARY), curve))
            : List.of(),
        Optional.empty(),
        binary);
  }
}
