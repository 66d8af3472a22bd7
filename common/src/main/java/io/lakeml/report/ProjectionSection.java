package io.lakeml.report;

import io.lakeml.ml.Metrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A projection's report: variance per component (scree), cumulatively, and the 2-D projection. */
final class ProjectionSection implements TaskSection {
  @Override
  public List<String> headline() {
    return List.of("k", "explained_variance");
  }

  @Override
  public List<String> compared() {
    return List.of("silhouette");
  }

  @Override
  public void render(ReportData d, HtmlPage page) {
    Metrics.Projection m = (Metrics.Projection) d.metrics();
    List<String> components = new ArrayList<>();
    double[] x = new double[m.cumulative().size()];
    for (int i = 0; i < m.byComponent().size(); i++) {
      components.add("PC" + (i + 1));
    }
    for (int i = 0; i < x.length; i++) {
      x[i] = i + 1;
    }
    page.chart(
        "scree",
        "Explained variance per component (scree)",
        Charts.bars(
            "Scree",
            "component",
            "share of variance",
            components,
            Map.of("share", m.byComponent())));
    page.chart(
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
                    m.cumulative().stream().mapToDouble(Double::doubleValue).toArray())),
            List.of()));
    Plots.projection(d, page, "rows");
  }
}
