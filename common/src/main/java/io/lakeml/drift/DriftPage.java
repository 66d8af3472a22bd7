package io.lakeml.drift;

import io.lakeml.io.LakeFiles;
import io.lakeml.report.Charts;
import io.lakeml.report.HtmlPage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The drift page of a model for one batch, {@code reports/<model>/drift/run_date=<D>/index.html}:
 * the verdict, PSI per feature as a chart, the prediction's distribution and the most moved
 * features against their baseline, and every measure in a table.
 */
public final class DriftPage {
  /** Features drawn bin by bin, the most moved first. */
  static final int FEATURE_CHARTS = 3;

  private static final List<String> MEASURES =
      List.of(
          "column",
          "kind",
          "status",
          "psi",
          "ks",
          "new_category_rate",
          "baseline_null_rate",
          "batch_null_rate",
          "reasons");

  private DriftPage() {}

  /** Writes the page and its charts under {@code dir}; returns the page's path. */
  public static String write(LakeFiles files, String dir, DriftResult result) {
    return render(result)
        .write(
            files,
            dir,
            "lakeml " + result.versions().lakeml() + " · Spark " + result.versions().spark());
  }

  static HtmlPage render(DriftResult d) {
    String title = "Drift: " + d.model() + " v" + d.version() + " on " + d.runDate();
    String status = d.status().configName();
    HtmlPage page = new HtmlPage(title);
    page.header(
        title,
        Optional.of(new HtmlPage.Badge(status, Optional.of(status))),
        "batch "
            + d.input()
            + " · "
            + d.rows()
            + " rows against "
            + d.baselineRows()
            + " training rows");
    page.cards(new ArrayList<>(cards(d).keySet()), cards(d));
    if (!d.alerts().isEmpty()) {
      page.section("Alerts").bullets(d.alerts());
    }
    if (d.columns().isEmpty() || d.rows() == 0) {
      page.note("An empty batch: nothing to compare.");
    } else {
      comparison(d, page);
    }
    page.section("Run");
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("model", d.model());
    run.put("version", d.version());
    run.put("run_date", d.runDate());
    run.put("input", d.input());
    run.put("baseline", d.baselineFile());
    run.put("thresholds", d.thresholdsMap());
    run.put("run_id", d.runId());
    page.keyValues(run);
    return page;
  }

  private static Map<String, Object> cards(DriftResult d) {
    Map<String, Object> cards = new LinkedHashMap<>();
    cards.put("rows", d.rows());
    cards.put("features alerting", d.columnsWith(DriftStatus.ALERT));
    cards.put("features warning", d.columnsWith(DriftStatus.WARN));
    cards.put(
        "largest feature PSI",
        d.columns().stream().mapToDouble(ColumnDrift::psi).max().orElse(Double.NaN));
    d.prediction().ifPresent(p -> cards.put("prediction PSI", p.psi()));
    return cards;
  }

  /** PSI per feature, the prediction's and the most moved features' bins, every measure. */
  private static void comparison(DriftResult d, HtmlPage page) {
    List<ColumnDrift> byPsi = d.byPsi();
    page.section("Population stability per feature")
        .chart(
            "psi",
            String.format(
                "PSI per feature (warn at %s, alert at %s)",
                d.thresholds().psiWarn(), d.thresholds().psiAlert()),
            Charts.bars(
                "PSI per feature",
                "feature",
                "PSI",
                byPsi.stream().map(ColumnDrift::column).toList(),
                Map.of("PSI", byPsi.stream().map(ColumnDrift::psi).toList())));
    d.prediction()
        .ifPresent(p -> distribution(page, "prediction", "Predictions: " + p.column(), p));
    for (int i = 0; i < Math.min(FEATURE_CHARTS, byPsi.size()); i++) {
      ColumnDrift c = byPsi.get(i);
      distribution(page, "feature_" + i, "Feature: " + c.column(), c);
    }
    page.section("Every measure");
    List<Map<String, Object>> rows = new ArrayList<>();
    d.prediction().ifPresent(p -> rows.add(readable(p)));
    byPsi.forEach(c -> rows.add(readable(c)));
    page.table(MEASURES, rows);
  }

  private static void distribution(HtmlPage page, String name, String title, ColumnDrift column) {
    Map<String, List<Double>> series = new LinkedHashMap<>();
    series.put("baseline", column.baselineShares());
    series.put("batch", column.batchShares());
    page.chart(
        name,
        String.format(
            "%s: share of rows per bin, baseline against batch (PSI %s)",
            title, HtmlPage.fmt(column.psi())),
        Charts.bars(title, "bin", "share of rows", column.bins(), series));
  }

  /** A column's measures for the table: no value is a dash, the reasons one line. */
  private static Map<String, Object> readable(ColumnDrift column) {
    Map<String, Object> out = new LinkedHashMap<>();
    column
        .toMap()
        .forEach(
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
}
