package io.lakeml.report;

import io.lakeml.ml.Metrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A clustering's report: rows per cluster, the 2-D projection, and silhouette and within-cluster
 * cost against k when a search tried several.
 */
final class ClusteringSection implements TaskSection {
  @Override
  public List<String> headline() {
    return List.of("k", "silhouette", "wcss");
  }

  @Override
  public List<String> compared() {
    return List.of("silhouette");
  }

  @Override
  public void render(ReportData d, HtmlPage page) {
    Metrics.Clustering m = (Metrics.Clustering) d.metrics();
    List<String> clusters = new ArrayList<>(m.sizes().keySet());
    page.chart(
        "cluster_sizes",
        "Rows per cluster (test rows)",
        Charts.bars(
            "Cluster sizes",
            "cluster",
            "rows",
            clusters,
            Map.of("rows", clusters.stream().map(c -> (double) m.sizes().get(c)).toList())));
    Plots.projection(d, page, "cluster");
    byK(d.searchTable(), page);
  }

  /** The search's silhouette and elbow curves, one point per k tried. */
  private static void byK(List<Map<String, String>> search, HtmlPage page) {
    List<Map<String, String>> byK =
        search.stream()
            .filter(r -> r.containsKey("k"))
            .sorted(
                (a, b) ->
                    Integer.compare(Integer.parseInt(a.get("k")), Integer.parseInt(b.get("k"))))
            .toList();
    if (byK.isEmpty() || !byK.get(0).containsKey("mean_silhouette")) {
      return;
    }
    page.chart(
        "silhouette_by_k",
        "Silhouette against k (higher is better)",
        Charts.lines(
            "Silhouette by k",
            "k",
            "silhouette",
            List.of(column("silhouette", byK, "mean_silhouette")),
            List.of()));
    page.chart(
        "cost_by_k",
        "Within-cluster sum of squares against k (the elbow curve)",
        Charts.lines(
            "Within-cluster cost by k",
            "k",
            "within-cluster sum of squares",
            List.of(column("cost", byK, "mean_wcss")),
            List.of()));
  }

  private static Charts.Series column(String name, List<Map<String, String>> byK, String key) {
    return Plots.series(
        name, byK, r -> Double.parseDouble(r.get("k")), r -> Double.parseDouble(r.get(key)));
  }
}
