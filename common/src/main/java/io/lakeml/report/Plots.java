package io.lakeml.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** Chart series drawn from typed rows, and the projection chart several tasks share. */
final class Plots {
  private Plots() {}

  /** A line through every row, x and y read by the given functions. */
  static <T> Charts.Series series(
      String name, List<T> rows, ToDoubleFunction<T> x, ToDoubleFunction<T> y) {
    return new Charts.Series(
        name, rows.stream().mapToDouble(x).toArray(), rows.stream().mapToDouble(y).toArray());
  }

  /** One marked point. */
  static <T> Charts.Series point(String name, T row, ToDoubleFunction<T> x, ToDoubleFunction<T> y) {
    return new Charts.Series(
        name, new double[] {x.applyAsDouble(row)}, new double[] {y.applyAsDouble(row)});
  }

  /** A straight line from (0, 0) to (1, 1): chance, random flagging, perfect calibration. */
  static Charts.Series diagonal(String name) {
    return new Charts.Series(name, new double[] {0, 1}, new double[] {0, 1});
  }

  /**
   * The sample of feature vectors projected on their first two principal components, one colour per
   * group ({@code by}: class, cluster or rows); nothing when the evaluation drew no sample.
   */
  static void projection(ReportData d, HtmlPage page, String by) {
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
    page.chart(
        "projection_2d",
        "The feature vectors projected on their first two principal components, by "
            + by
            + " (a sample)",
        Charts.scatter("2-D PCA projection", "PC1", "PC2", groups));
  }
}
