package io.lakeml.report;

import io.lakeml.io.LakeFiles;
import io.lakeml.train.Task;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a {@link ReportData} as {@code index.html}, one self-contained file (every chart is
 * embedded as a PNG data URI, no script, no external reference) that opens offline in any browser,
 * with each chart also written beside it as a PNG file.
 */
public final class HtmlReport {
  final StringBuilder body = new StringBuilder();
  private final Map<String, byte[]> charts = new LinkedHashMap<>();

  HtmlReport() {}

  /** Draws the charts, writes them and {@code index.html} under {@code dir}; returns the page. */
  public static String write(LakeFiles files, String dir, ReportData data) {
    HtmlReport r = new HtmlReport();
    return r.writeTo(files, dir, r.render(data));
  }

  /** Writes the charts drawn so far and the page under {@code dir}; returns the page's path. */
  String writeTo(LakeFiles files, String dir, String html) {
    charts.forEach((name, png) -> files.writeBytes(dir + "/" + name + ".png", png));
    files.writeString(dir + "/index.html", html);
    return dir + "/index.html";
  }

  /** The whole document around the body built so far. */
  String page(String title, String footer) {
    return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
        + esc(title)
        + " · lakeml report</title><style>"
        + CSS
        + "</style></head><body>"
        + body
        + "<footer>"
        + esc(footer)
        + "</footer></body></html>";
  }

  /** The page, with the charts drawn into it (and kept for writing). */
  String render(ReportData d) {
    String title = d.model() + " v" + d.version();
    body.append("<header><h1>").append(esc(title));
    if (d.champion()) {
      body.append(" <span class=\"badge\">champion</span>");
    }
    body.append("</h1><p>")
        .append(esc(d.task().displayName()))
        .append(" · ")
        .append(esc(String.valueOf(d.metadata().get("algorithm"))))
        .append(" · trained ")
        .append(esc(String.valueOf(d.metadata().get("created_at"))))
        .append(" · test rows: ")
        .append(esc(String.valueOf(d.metrics().get("rows"))))
        .append("</p></header>");
    headline(d);
    switch (d.task()) {
      case BINARY -> binary(d);
      case MULTICLASS -> multiclass(d);
      case REGRESSION -> regression(d);
      case CLUSTERING -> clustering(d);
      case PROJECTION -> projection(d);
    }
    weights(d);
    comparison(d);
    search(d);
    dataQuality(d);
    runInfo(d);
    return page(
        title,
        "lakeml "
            + d.metadata().get("lakeml_version")
            + " · Spark "
            + d.metadata().get("spark_version"));
  }

  private void headline(ReportData d) {
    List<String> keys =
        switch (d.task()) {
          case BINARY ->
              List.of("roc_auc", "pr_auc", "accuracy", "precision", "recall", "specificity", "f1");
          case MULTICLASS ->
              List.of("accuracy", "f1", "weighted_precision", "weighted_recall", "log_loss");
          case REGRESSION -> List.of("rmse", "mae", "r2", "mape", "explained_variance");
          case CLUSTERING -> List.of("k", "silhouette", "wcss");
          case PROJECTION -> List.of("k", "explained_variance");
        };
    cards(keys, d.metrics());
  }

  /** The values of {@code keys} that {@code values} holds, as large figures in a row. */
  void cards(List<String> keys, Map<String, Object> values) {
    body.append("<section class=\"cards\">");
    for (String k : keys) {
      Object v = values.get(k);
      if (v != null) {
        body.append("<div class=\"card\"><div class=\"v\">")
            .append(esc(fmt(v)))
            .append("</div><div class=\"k\">")
            .append(esc(k.replace('_', ' ')))
            .append("</div></div>");
      }
    }
    body.append("</section>");
  }

  private void binary(ReportData d) {
    List<Map<String, Object>> curve = d.curve();
    double t = d.threshold().map(ReportData.Threshold::value).orElse(0.5);
    Map<String, Object> at = nearest(curve, t);
    d.threshold()
        .ifPresent(
            th -> {
              section("Decision threshold");
              body.append("<p>Threshold <b>")
                  .append(fmt(th.value()))
                  .append("</b> — ")
                  .append(esc(th.policy()))
                  .append(", chosen on the ")
                  .append(esc(th.chosenOn()))
                  .append(
                      " rows. What it trades against the default of 0.5, on the test rows:</p>");
              table(
                  List.of(
                      "threshold",
                      "tp",
                      "fp",
                      "fn",
                      "tn",
                      "precision",
                      "recall",
                      "specificity",
                      "f1"),
                  List.of(th.atChosen(), th.atHalf()));
            });
    Map<String, Object> cm = map(d.metrics().get("confusion_matrix"));
    chart(
        "confusion_matrix",
        "Confusion matrix at the threshold",
        Charts.heatmap(
            "Confusion matrix (threshold " + fmt(t) + ")",
            List.of("positive", "negative"),
            new long[][] {
              {num(cm.get("tp")).longValue(), num(cm.get("fn")).longValue()},
              {num(cm.get("fp")).longValue(), num(cm.get("tn")).longValue()}
            }));
    chart(
        "roc",
        "ROC curve",
        Charts.lines(
            "ROC curve (AUC " + fmt(d.metrics().get("roc_auc")) + ")",
            "false positive rate",
            "true positive rate (recall)",
            List.of(
                series("model", curve, "fpr", "recall"),
                new Charts.Series("chance", new double[] {0, 1}, new double[] {0, 1})),
            List.of(point("threshold " + fmt(t), at, "fpr", "recall"))));
    chart(
        "pr",
        "Precision-recall curve",
        Charts.lines(
            "Precision-recall (AUC " + fmt(d.metrics().get("pr_auc")) + ")",
            "recall",
            "precision",
            List.of(series("model", curve.subList(1, curve.size()), "recall", "precision")),
            List.of(point("threshold " + fmt(t), at, "recall", "precision"))));
    List<Map<String, Object>> inRange =
        curve.stream().filter(p -> num(p.get("threshold")).doubleValue() <= 1.0).toList();
    chart(
        "threshold_metrics",
        "Precision, recall and F1 against the threshold",
        Charts.lines(
            "Metrics by threshold",
            "threshold",
            "value",
            List.of(
                series("precision", inRange, "threshold", "precision"),
                series("recall", inRange, "threshold", "recall"),
                series("F1", inRange, "threshold", "f1"),
                series("specificity", inRange, "threshold", "specificity")),
            List.of(point("chosen", at, "threshold", "f1"))));
    chart(
        "gain",
        "Cumulative gain: the share of positives caught when flagging the top-scored rows",
        Charts.lines(
            "Cumulative gain",
            "share of rows flagged",
            "share of positives caught",
            List.of(
                series("model", curve, "flagged_share", "recall"),
                new Charts.Series("random", new double[] {0, 1}, new double[] {0, 1})),
            List.of(point("threshold " + fmt(t), at, "flagged_share", "recall"))));
    chart(
        "lift",
        "Lift: how many times the base rate of positives among the rows flagged",
        Charts.lines(
            "Lift",
            "share of rows flagged",
            "lift",
            List.of(series("model", curve.subList(1, curve.size()), "flagged_share", "lift")),
            List.of()));
    if (!d.calibration().isEmpty()) {
      chart(
          "calibration",
          "Calibration: predicted probability against the observed rate, per bin",
          Charts.lines(
              "Calibration",
              "mean predicted probability",
              "observed rate of positives",
              List.of(
                  series("model", d.calibration(), "mean_predicted", "observed_rate"),
                  new Charts.Series("perfect", new double[] {0, 1}, new double[] {0, 1})),
              List.of()));
    }
  }

  private void multiclass(ReportData d) {
    Map<String, Object> cm = map(d.metrics().get("confusion_matrix"));
    List<String> classes = new ArrayList<>(cm.keySet());
    long[][] counts = new long[classes.size()][classes.size()];
    for (int a = 0; a < classes.size(); a++) {
      Map<String, Object> row = map(cm.get(classes.get(a)));
      for (int p = 0; p < classes.size(); p++) {
        counts[a][p] = num(row.get(classes.get(p))).longValue();
      }
    }
    chart(
        "confusion_matrix",
        "Confusion matrix",
        Charts.heatmap("Confusion matrix", classes, counts));
    Map<String, Object> perClass = map(d.metrics().get("per_class"));
    Map<String, List<Double>> bars = new LinkedHashMap<>();
    for (String metric : List.of("precision", "recall", "f1")) {
      List<Double> values = new ArrayList<>();
      for (String c : classes) {
        values.add(num(map(perClass.get(c)).get(metric)).doubleValue());
      }
      bars.put(metric, values);
    }
    chart(
        "per_class",
        "Precision, recall and F1 per class",
        Charts.bars("Per class", "class", "value", classes, bars));
    projectionChart(d, "class");
  }

  private void regression(ReportData d) {
    double[] actual = d.actualVsPredicted().stream().mapToDouble(p -> p[0]).toArray();
    double[] predicted = d.actualVsPredicted().stream().mapToDouble(p -> p[1]).toArray();
    double[] residual = new double[actual.length];
    for (int i = 0; i < actual.length; i++) {
      residual[i] = actual[i] - predicted[i];
    }
    chart(
        "predicted_vs_actual",
        "Predicted against actual (a sample of the test rows)",
        Charts.scatter(
            "Predicted vs actual",
            "actual",
            "predicted",
            List.of(new Charts.Series("rows", actual, predicted))));
    chart(
        "residuals",
        "Residuals (actual − predicted) against the prediction",
        Charts.scatter(
            "Residuals",
            "predicted",
            "residual",
            List.of(new Charts.Series("rows", predicted, residual))));
  }

  private void clustering(ReportData d) {
    Map<String, Object> sizes = map(d.metrics().get("cluster_sizes"));
    List<String> clusters = new ArrayList<>(sizes.keySet());
    chart(
        "cluster_sizes",
        "Rows per cluster (test rows)",
        Charts.bars(
            "Cluster sizes",
            "cluster",
            "rows",
            clusters,
            Map.of("rows", clusters.stream().map(c -> num(sizes.get(c)).doubleValue()).toList())));
    projectionChart(d, "cluster");
    List<Map<String, String>> byK =
        d.searchTable().stream()
            .filter(r -> r.containsKey("k"))
            .sorted(
                (a, b) ->
                    Integer.compare(Integer.parseInt(a.get("k")), Integer.parseInt(b.get("k"))))
            .toList();
    if (!byK.isEmpty() && byK.get(0).containsKey("mean_silhouette")) {
      double[] k = byK.stream().mapToDouble(r -> Double.parseDouble(r.get("k"))).toArray();
      chart(
          "silhouette_by_k",
          "Silhouette against k (higher is better)",
          Charts.lines(
              "Silhouette by k",
              "k",
              "silhouette",
              List.of(
                  new Charts.Series(
                      "silhouette",
                      k,
                      byK.stream()
                          .mapToDouble(r -> Double.parseDouble(r.get("mean_silhouette")))
                          .toArray())),
              List.of()));
      chart(
          "cost_by_k",
          "Within-cluster sum of squares against k (the elbow curve)",
          Charts.lines(
              "Within-cluster cost by k",
              "k",
              "within-cluster sum of squares",
              List.of(
                  new Charts.Series(
                      "cost",
                      k,
                      byK.stream()
                          .mapToDouble(r -> Double.parseDouble(r.get("mean_wcss")))
                          .toArray())),
              List.of()));
    }
  }

  private void projection(ReportData d) {
    List<Double> each = nums(d.metrics().get("explained_variance_by_component"));
    List<Double> cumulative = nums(d.metrics().get("cumulative_explained_variance"));
    List<String> components = new ArrayList<>();
    for (int i = 0; i < each.size(); i++) {
      components.add("PC" + (i + 1));
    }
    chart(
        "scree",
        "Explained variance per component (scree)",
        Charts.bars("Scree", "component", "share of variance", components, Map.of("share", each)));
    double[] x = new double[cumulative.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = i + 1;
    }
    chart(
        "cumulative_variance",
        "Cumulative explained variance",
        Charts.lines(
            "Cumulative explained variance",
            "components",
            "share of variance",
            List.of(
                new Charts.Series(
                    "cumulative",
                    x,
                    cumulative.stream().mapToDouble(Double::doubleValue).toArray())),
            List.of()));
    projectionChart(d, "rows");
  }

  private void projectionChart(ReportData d, String by) {
    if (d.projection().isEmpty()) {
      return;
    }
    List<Charts.Series> groups = new ArrayList<>();
    d.projection()
        .forEach(
            (name, pts) ->
                groups.add(
                    new Charts.Series(
                        name,
                        pts.stream().mapToDouble(p -> p[0]).toArray(),
                        pts.stream().mapToDouble(p -> p[1]).toArray())));
    chart(
        "projection_2d",
        "The feature vectors projected on their first two principal components, by "
            + by
            + " (a sample)",
        Charts.scatter("2-D PCA projection", "PC1", "PC2", groups));
  }

  private void weights(ReportData d) {
    if (d.weights().weights().isEmpty()) {
      return;
    }
    List<Map.Entry<String, Double>> top = d.weights().top(20);
    List<String> names = top.stream().map(Map.Entry::getKey).toList();
    List<Double> values = top.stream().map(Map.Entry::getValue).toList();
    String kind = d.weights().kind();
    chart(
        "feature_weights",
        (kind.equals("importance") ? "Feature importances" : "Coefficients (" + kind + ")")
            + ", strongest 20",
        Charts.bars(
            kind.equals("importance") ? "Feature importance" : "Coefficients",
            "feature",
            kind,
            names,
            Map.of(kind, values)));
  }

  private void comparison(ReportData d) {
    if (d.comparisons().isEmpty()) {
      return;
    }
    section("Models compared on the same test rows");
    List<String> keys = new ArrayList<>(List.of("model", "algorithm", "champion"));
    keys.addAll(
        switch (d.task()) {
          case BINARY ->
              List.of("roc_auc", "pr_auc", "accuracy", "precision", "recall", "f1", "log_loss");
          case MULTICLASS -> List.of("accuracy", "f1", "log_loss");
          case REGRESSION -> List.of("rmse", "mae", "r2");
          default -> List.of("silhouette");
        });
    List<Map<String, Object>> rows = new ArrayList<>();
    Map<String, Object> self = new LinkedHashMap<>(d.metrics());
    self.put("model", d.model() + " v" + d.version() + " (this report)");
    self.put("algorithm", d.metadata().get("algorithm"));
    self.put("champion", d.champion() ? "★" : "");
    rows.add(self);
    List<Charts.Series> roc = new ArrayList<>();
    List<Charts.Series> pr = new ArrayList<>();
    if (d.task() == Task.BINARY) {
      roc.add(series(d.model() + " v" + d.version(), d.curve(), "fpr", "recall"));
      pr.add(
          series(
              d.model() + " v" + d.version(),
              d.curve().subList(1, d.curve().size()),
              "recall",
              "precision"));
    }
    for (ReportData.Comparison c : d.comparisons()) {
      Map<String, Object> row = new LinkedHashMap<>(c.metrics());
      row.put("model", c.model() + " v" + c.version());
      row.put("algorithm", c.algorithm());
      row.put("champion", c.champion() ? "★" : "");
      rows.add(row);
      if (d.task() == Task.BINARY && !c.curve().isEmpty()) {
        roc.add(series(c.model() + " v" + c.version(), c.curve(), "fpr", "recall"));
        pr.add(
            series(
                c.model() + " v" + c.version(),
                c.curve().subList(1, c.curve().size()),
                "recall",
                "precision"));
      }
    }
    table(keys, rows);
    body.append("<p class=\"note\">★ the champion of its model name.</p>");
    if (!roc.isEmpty()) {
      chart(
          "compare_roc",
          "ROC curves of the models compared",
          Charts.lines("ROC curves", "false positive rate", "recall", roc, List.of()));
      chart(
          "compare_pr",
          "Precision-recall curves of the models compared",
          Charts.lines("Precision-recall curves", "recall", "precision", pr, List.of()));
    }
  }

  private void search(ReportData d) {
    if (d.searchTable().isEmpty()) {
      return;
    }
    section("Hyperparameter search");
    Map<String, Object> s = map(d.metadata().get("search"));
    body.append("<p>")
        .append(esc(String.valueOf(s.get("method"))))
        .append(" search, ")
        .append(esc(String.valueOf(s.get("validation"))))
        .append(s.containsKey("folds") ? " (" + s.get("folds") + " folds)" : "")
        .append(", by ")
        .append(esc(String.valueOf(s.get("metric"))))
        .append("; best: ")
        .append(esc(String.valueOf(s.get("best_params"))))
        .append("</p>");
    List<String> keys = new ArrayList<>(d.searchTable().get(0).keySet());
    List<Map<String, Object>> rows = new ArrayList<>();
    d.searchTable().forEach(r -> rows.add(new LinkedHashMap<>(r)));
    table(keys, rows);
  }

  private void dataQuality(ReportData d) {
    d.dataQuality()
        .ifPresent(
            q -> {
              section("Data quality of the training data's ingest");
              Map<String, Object> counts = map(q.get("counts"));
              if (!counts.isEmpty()) {
                table(new ArrayList<>(counts.keySet()), List.of(counts));
              }
              Object checks = q.get("checks");
              if (checks instanceof List<?> list && !list.isEmpty()) {
                List<Map<String, Object>> rows = new ArrayList<>();
                list.forEach(c -> rows.add(map(c)));
                table(new ArrayList<>(rows.get(0).keySet()), rows);
              }
            });
  }

  private void runInfo(ReportData d) {
    section("Run information");
    Map<String, Object> m = d.metadata();
    Map<String, Object> info = new LinkedHashMap<>();
    for (String k :
        List.of(
            "name",
            "version",
            "task",
            "algorithm",
            "params",
            "label",
            "classes",
            "training_data",
            "rows",
            "split",
            "class_balance",
            "features",
            "threshold",
            "threshold_policy",
            "promotion",
            "created_at",
            "run_id",
            "spark_version",
            "lakeml_version")) {
      if (m.containsKey(k)) {
        info.put(k, m.get(k));
      }
    }
    body.append("<table class=\"kv\">");
    info.forEach(
        (k, v) ->
            body.append("<tr><th>")
                .append(esc(k))
                .append("</th><td>")
                .append(esc(String.valueOf(v)))
                .append("</td></tr>"));
    body.append("</table>");
  }

  // --- building blocks

  void section(String title) {
    body.append("<h2>").append(esc(title)).append("</h2>");
  }

  void chart(String name, String caption, byte[] png) {
    if (png.length == 0) {
      return;
    }
    charts.put(name, png);
    body.append("<figure><img alt=\"")
        .append(esc(caption))
        .append("\" width=\"")
        .append(Charts.WIDTH)
        .append("\" height=\"")
        .append(Charts.HEIGHT)
        .append("\" src=\"data:image/png;base64,")
        .append(Base64.getEncoder().encodeToString(png))
        .append("\"><figcaption>")
        .append(esc(caption))
        .append("</figcaption></figure>");
  }

  void table(List<String> keys, List<Map<String, Object>> rows) {
    body.append("<table><tr>");
    keys.forEach(k -> body.append("<th>").append(esc(k)).append("</th>"));
    body.append("</tr>");
    for (Map<String, Object> r : rows) {
      body.append("<tr>");
      keys.forEach(
          k -> body.append("<td>").append(esc(fmt(r.getOrDefault(k, "")))).append("</td>"));
      body.append("</tr>");
    }
    body.append("</table>");
  }

  private static Charts.Series series(
      String name, List<Map<String, Object>> rows, String x, String y) {
    return new Charts.Series(
        name,
        rows.stream().mapToDouble(r -> num(r.get(x)).doubleValue()).toArray(),
        rows.stream().mapToDouble(r -> num(r.get(y)).doubleValue()).toArray());
  }

  private static Charts.Series point(String name, Map<String, Object> row, String x, String y) {
    return new Charts.Series(
        name,
        new double[] {num(row.get(x)).doubleValue()},
        new double[] {num(row.get(y)).doubleValue()});
  }

  /** The curve point whose threshold is the lowest at or above {@code t}. */
  static Map<String, Object> nearest(List<Map<String, Object>> curve, double t) {
    Map<String, Object> chosen = curve.get(0);
    for (Map<String, Object> p : curve) {
      if (num(p.get("threshold")).doubleValue() >= t) {
        chosen = p;
      }
    }
    return chosen;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  private static List<Double> nums(Object o) {
    List<Double> out = new ArrayList<>();
    if (o instanceof List<?> l) {
      l.forEach(v -> out.add(num(v).doubleValue()));
    }
    return out;
  }

  private static Number num(Object o) {
    if (o instanceof Number n) {
      return n;
    }
    try {
      return Double.parseDouble(String.valueOf(o));
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  static String fmt(Object v) {
    if (v instanceof Double d) {
      if (d.isNaN()) {
        return "–";
      }
      return Math.abs(d) >= 1000
          ? String.format(Locale.ROOT, "%.1f", d)
          : String.format(Locale.ROOT, "%.4f", d);
    }
    return String.valueOf(v);
  }

  static String esc(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  private static final String CSS =
      "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:2rem auto;max-width:1340px;color:#222;padding:0 1rem}"
          + "header h1{margin:0 0 .2rem}header p{color:#555;margin:0 0 1rem}"
          + ".badge{background:#2ca02c;color:#fff;border-radius:4px;padding:.1rem .5rem;font-size:.9rem;vertical-align:middle}"
          + ".badge.warn{background:#ff7f0e}.badge.alert{background:#d62728}"
          + ".cards{display:flex;flex-wrap:wrap;gap:.75rem;margin:1rem 0}"
          + ".card{border:1px solid #ddd;border-radius:8px;padding:.6rem 1rem;min-width:7rem}"
          + ".card .v{font-size:1.5rem;font-weight:600}.card .k{color:#666;font-size:.85rem}"
          + "figure{display:inline-block;margin:.5rem;vertical-align:top;width:640px}"
          + "figure img{border:1px solid #eee;max-width:100%;height:auto}figcaption{color:#555;font-size:.85rem}"
          + "table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.85rem}"
          + "th,td{border:1px solid #ddd;padding:.25rem .5rem;text-align:right}th{background:#f6f6f6}"
          + "table.kv th,table.kv td{text-align:left;vertical-align:top}table.kv td{max-width:1000px;word-break:break-word}"
          + "h2{margin-top:2rem;border-bottom:1px solid #eee;padding-bottom:.2rem}.note{color:#666;font-size:.85rem}"
          + "footer{margin-top:3rem;color:#888;font-size:.8rem}";
}
