package io.lakeml.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakeml.io.LakeFiles;
import io.lakeml.train.Task;
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
class HtmlReportTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Task.class)
  void rendersEveryChartOfTheTaskIntoOneSelfContainedPage(Task task) throws Exception {
    String out = dir.toUri() + task.name().toLowerCase();
    String page = HtmlReport.write(new LakeFiles(new Configuration()), out, data(task));
    String html = Files.readString(Path.of(java.net.URI.create(page)));

    assertThat(html).doesNotContain("http://").doesNotContain("https://").doesNotContain("<script");
    List<String> expected = expectedCharts(task);
    for (String chart : expected) {
      Path png = Path.of(java.net.URI.create(out + "/" + chart + ".png"));
      BufferedImage image = ImageIO.read(png.toFile());
      assertThat(image).as(chart).isNotNull();
      assertThat(image.getWidth()).isEqualTo(Charts.WIDTH);
    }
    Matcher m = Pattern.compile("src=\"data:image/png;base64,([^\"]+)\"").matcher(html);
    int embedded = 0;
    while (m.find()) {
      byte[] bytes = java.util.Base64.getDecoder().decode(m.group(1));
      assertThat(ImageIO.read(new ByteArrayInputStream(bytes))).isNotNull();
      embedded++;
    }
    assertThat(embedded).isEqualTo(expected.size());
    assertThat(html).contains("Run information").contains("m v3");
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
      charts.addAll(List.of("compare_roc", "compare_pr"));
    }
    return charts;
  }

  private static ReportData data(Task task) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("algorithm", "test-algorithm");
    meta.put("created_at", "2026-11-22T00:00:00Z");
    meta.put(
        "search",
        Map.of(
            "method",
            "grid",
            "validation",
            "split",
            "metric",
            "silhouette",
            "best_params",
            Map.of("k", 3)));
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("rows", 100L);
    List<Map<String, Object>> curve = new ArrayList<>();
    List<Map<String, Object>> calibration = new ArrayList<>();
    Optional<ReportData.Threshold> threshold = Optional.empty();
    List<ReportData.Comparison> comparisons = List.of();
    List<Map<String, String>> search = List.of();
    FeatureWeights weights = FeatureWeights.NONE;
    switch (task) {
      case BINARY -> {
        metrics.putAll(Map.of("roc_auc", 0.8, "pr_auc", 0.6, "accuracy", 0.7, "threshold", 0.4));
        metrics.put("confusion_matrix", Map.of("tp", 10L, "fp", 5L, "fn", 3L, "tn", 82L));
        for (int i = 0; i <= 10; i++) {
          double t = 1.0 - i / 10.0;
          Map<String, Object> p = new LinkedHashMap<>();
          p.put("threshold", i == 0 ? Math.nextUp(1.0) : t);
          p.put("fpr", i / 10.0 * i / 10.0);
          p.put("recall", i / 10.0);
          p.put("precision", i == 0 ? Double.NaN : 1.0 - i / 20.0);
          p.put("f1", i / 12.0);
          p.put("specificity", 1.0 - i / 10.0);
          p.put("flagged_share", i / 10.0);
          p.put("lift", i == 0 ? Double.NaN : 1.5);
          curve.add(p);
          calibration.add(Map.of("mean_predicted", t, "observed_rate", t * 0.9));
        }
        threshold =
            Optional.of(
                new ReportData.Threshold(
                    0.4,
                    "maximize F1",
                    "test",
                    Map.of("threshold", 0.4),
                    Map.of("threshold", 0.5)));
        weights = new FeatureWeights("coefficient", Map.of("age", 0.5, "state = OH", -0.2));
        comparisons =
            List.of(
                new ReportData.Comparison(
                    "other", 2, "gbt-classifier", true, Map.of("roc_auc", 0.75), curve));
      }
      case MULTICLASS -> {
        metrics.put("accuracy", 0.9);
        metrics.put(
            "confusion_matrix",
            Map.of("a", Map.of("a", 5L, "b", 1L), "b", Map.of("a", 0L, "b", 4L)));
        metrics.put(
            "per_class",
            Map.of(
                "a",
                Map.of("precision", 1.0, "recall", 0.8, "f1", 0.9),
                "b",
                Map.of("precision", 0.8, "recall", 1.0, "f1", 0.9)));
      }
      case REGRESSION -> {
        metrics.putAll(Map.of("rmse", 1.0, "r2", 0.9));
        weights = new FeatureWeights("importance", Map.of("x", 0.7, "y", 0.3));
      }
      case CLUSTERING -> {
        metrics.putAll(
            Map.of(
                "k", 3, "silhouette", 0.6, "cluster_sizes", Map.of("0", 40L, "1", 30L, "2", 30L)));
        search =
            List.of(
                Map.of("k", "2", "mean_silhouette", "0.5", "mean_wcss", "10"),
                Map.of("k", "3", "mean_silhouette", "0.6", "mean_wcss", "6"));
      }
      case PROJECTION -> {
        metrics.put("explained_variance_by_component", List.of(0.6, 0.3));
        metrics.put("cumulative_explained_variance", List.of(0.6, 0.9));
      }
    }
    Map<String, List<double[]>> projection =
        task == Task.MULTICLASS || task == Task.CLUSTERING || task == Task.PROJECTION
            ? Map.of(
                "a",
                List.of(new double[] {0, 1}, new double[] {1, 2}),
                "b",
                List.of(new double[] {3, 1}))
            : Map.of();
    List<double[]> actual =
        task == Task.REGRESSION ? List.of(new double[] {1, 1.1}, new double[] {2, 1.8}) : List.of();
    return new ReportData(
        "m",
        3,
        task,
        meta,
        metrics,
        threshold,
        curve,
        calibration,
        actual,
        projection,
        weights,
        search,
        comparisons,
        Optional.empty(),
        task == Task.BINARY);
  }
}
