package io.lakeml.report;

import io.lakeml.ml.Metrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A multiclass classifier's report: the confusion matrix, per-class rates, the 2-D projection. */
final class MulticlassSection implements TaskSection {
  @Override
  public List<String> headline() {
    return List.of("accuracy", "f1", "weighted_precision", "weighted_recall", "log_loss");
  }

  @Override
  public List<String> compared() {
    return List.of("accuracy", "f1", "log_loss");
  }

  @Override
  public void render(ReportData d, HtmlPage page) {
    Metrics.Multiclass m = (Metrics.Multiclass) d.metrics();
    List<String> classes = new ArrayList<>(m.confusion().keySet());
    long[][] counts = new long[classes.size()][classes.size()];
    for (int a = 0; a < classes.size(); a++) {
      Map<String, Long> row = m.confusion().get(classes.get(a));
      for (int p = 0; p < classes.size(); p++) {
        counts[a][p] = row.getOrDefault(classes.get(p), 0L);
      }
    }
    page.chart(
        "confusion_matrix",
        "Confusion matrix",
        Charts.heatmap("Confusion matrix", classes, counts));
    Map<String, List<Double>> bars = new LinkedHashMap<>();
    bars.put("precision", perClass(m, classes, Metrics.ClassMetrics::precision));
    bars.put("recall", perClass(m, classes, Metrics.ClassMetrics::recall));
    bars.put("f1", perClass(m, classes, Metrics.ClassMetrics::f1));
    page.chart(
        "per_class",
        "Precision, recall and F1 per class",
        Charts.bars("Per class", "class", "value", classes, bars));
    Plots.projection(d, page, "class");
  }

  private static List<Double> perClass(
      Metrics.Multiclass m,
      List<String> classes,
      java.util.function.ToDoubleFunction<Metrics.ClassMetrics> rate) {
    List<Double> out = new ArrayList<>();
    for (String c : classes) {
      Metrics.ClassMetrics cm = m.perClass().get(c);
      out.add(cm == null ? Double.NaN : rate.applyAsDouble(cm));
    }
    return out;
  }
}
