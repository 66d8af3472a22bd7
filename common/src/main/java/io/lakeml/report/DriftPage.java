package io.lakeml.report;

import io.lakeml.io.LakeFiles;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The drift section of a model's reports for one batch, {@code reports/<model>/drift/run_date=<D>/
 * index.html}: the verdict, PSI per feature as a chart, the prediction's distribution and the most
 * moved features against their baseline, and every measure in a table. Drawn from the drift job's
 * JSON result, so the page and the JSON cannot disagree.
 */
public final class DriftPage {
  /** Features drawn bin by bin, the most moved first. */
  static final int FEATURE_CHARTS = 3;

  private DriftPage() {}

  /** Writes the page and its charts under {@code dir}; returns the page's path. */
  public static String write(LakeFiles files, String dir, Map<String, Object> result) {
    HtmlReport r = new HtmlReport();
    return r.writeTo(files, dir, render(r, result));
  }

  @SuppressWarnings("unchecked")
  static String render(HtmlReport r, Map<String, Object> d) {
    String status = String.valueOf(d.get("status"));
    String title =
        "Drift: " + d.get("model") + " v" + d.get("version") + " on " + d.get("run_date");
    r.body
        .append("<header><h1>")
        .append(HtmlReport.esc(title))
        .append(" <span class=\"badge ")
        .append(HtmlReport.esc(status))
        .append("\">")
        .append(HtmlReport.esc(status))
        .append("</span></h1><p>batch ")
        .append(HtmlReport.esc(String.valueOf(d.get("input"))))
        .append(" · ")
        .append(HtmlReport.esc(String.valueOf(d.get("rows"))))
        .append(" rows against ")
        .append(HtmlReport.esc(String.valueOf(d.get("baseline_rows"))))
        .append(" training rows</p></header>");
    List<Map<String, Object>> columns = (List<Map<String, Object>>) d.get("columns");
    Map<String, Object> prediction = (Map<String, Object>) d.get("prediction");
    Map<String, Object> cards = new LinkedHashMap<>();
    cards.put("rows", d.get("rows"));
    cards.put(
        "features alerting", columns.stream().filter(c -> "alert".equals(c.get("status"))).count());
    cards.put(
        "features warning", columns.stream().filter(c -> "warn".equals(c.get("status"))).count());
    cards.put(
        "largest feature PSI",
        columns.stream().mapToDouble(c -> num(c.get("psi"))).max().orElse(Double.NaN));
    if (prediction != null) {
      cards.put("prediction PSI", num(prediction.get("psi")));
    }
    r.cards(new ArrayList<>(cards.keySet()), cards);

    List<String> alerts = (List<String>) d.get("alerts");
    if (!alerts.isEmpty()) {
      r.section("Alerts");
      r.body.append("<ul>");
      alerts.forEach(a -> r.body.append("<li>").append(HtmlReport.esc(a)).append("</li>"));
      r.body.append("</ul>");
    }
    if (columns.isEmpty() || ((Number) d.get("rows")).longValue() == 0) {
      r.body.append("<p class=\"note\">An empty batch: nothing to compare.</p>");
    } else {
      r.section("Population stability per feature");
      List<Map<String, Object>> byPsi = new ArrayList<>(columns);
      byPsi.sort(
          Comparator.comparingDouble((Map<String, Object> c) -> num(c.get("psi"))).reversed());
      Map<String, Object> thresholds = (Map<String, Object>) d.get("thresholds");
      r.chart(
          "psi",
          String.format(
              "PSI per feature (warn at %s, alert at %s)",
              thresholds.get("psi_warn"), thresholds.get("psi_alert")),
          Charts.bars(
              "PSI per feature",
              "feature",
              "PSI",
              byPsi.stream().map(c -> (String) c.get("column")).toList(),
              Map.of("PSI", byPsi.stream().map(c -> num(c.get("psi"))).toList())));
      if (prediction != null) {
        distribution(r, "prediction", "Predictions: " + prediction.get("column"), prediction);
      }
      for (int i = 0; i < Math.min(FEATURE_CHARTS, byPsi.size()); i++) {
        Map<String, Object> c = byPsi.get(i);
        distribution(r, "feature_" + i, "Feature: " + c.get("column"), c);
      }
      r.section("Every measure");
      List<Map<String, Object>> rows = new ArrayList<>();
      if (prediction != null) {
        rows.add(readable(prediction));
      }
      byPsi.forEach(c -> rows.add(readable(c)));
      r.table(
          List.of(
              "column",
              "kind",
              "status",
              "psi",
              "ks",
              "new_category_rate",
              "baseline_null_rate",
              "batch_null_rate",
              "reasons"),
          rows);
    }
    r.section("Run");
    r.body.append("<table class=\"kv\">");
    for (String k :
        List.of("model", "version", "run_date", "input", "baseline", "thresholds", "run_id")) {
      r.body
          .append("<tr><th>")
          .append(HtmlReport.esc(k))
          .append("</th><td>")
          .append(HtmlReport.esc(String.valueOf(d.get(k))))
          .append("</td></tr>");
    }
    r.body.append("</table>");
    return r.page(
        title, "lakeml " + d.get("lakeml_version") + " · Spark " + d.get("spark_version"));
  }

  @SuppressWarnings("unchecked")
  private static void distribution(
      HtmlReport r, String name, String title, Map<String, Object> column) {
    Map<String, List<Double>> series = new LinkedHashMap<>();
    series.put("baseline", (List<Double>) column.get("baseline_shares"));
    series.put("batch", (List<Double>) column.get("batch_shares"));
    r.chart(
        name,
        String.format(
            "%s: share of rows per bin, baseline against batch (PSI %s)",
            title, HtmlReport.fmt(num(column.get("psi")))),
        Charts.bars(title, "bin", "share of rows", (List<String>) column.get("bins"), series));
  }

  /** A column's measures for the table: no value is a dash, the reasons one line. */
  private static Map<String, Object> readable(Map<String, Object> column) {
    Map<String, Object> out = new LinkedHashMap<>();
    column.forEach(
        (k, v) ->
            out.put(
                k,
                v == null
                    ? "–"
                    : v instanceof List<?> l
                        ? String.join("; ", l.stream().map(String::valueOf).toList())
                        : v));
    return out;
  }

  private static double num(Object o) {
    return o instanceof Number n ? n.doubleValue() : Double.NaN;
  }
}
