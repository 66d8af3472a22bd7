package io.lakeml.report;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The few chart shapes a report needs (lines, scatter, bars, a confusion matrix), drawn into PNG
 * bytes: XChart for the first three. AWT runs headless: drivers on EMR and CI machines have no
 * display.
 */
public final class Charts {
  public static final int WIDTH = 640;
  public static final int HEIGHT = 420;

  /** The side of a square chart: rate against rate, a confusion matrix. */
  public static final int SQUARE = 480;

  // Pixels between ticks XChart aims at; see xy().
  private static final int X_TICK_SPACING = 130;
  private static final int Y_TICK_SPACING = 80;
  private static final Color[] PALETTE = {
    new Color(0x1f77b4),
    new Color(0xd62728),
    new Color(0x2ca02c),
    new Color(0xff7f0e),
    new Color(0x9467bd),
    new Color(0x8c564b),
    new Color(0xe377c2),
    new Color(0x7f7f7f),
    new Color(0xbcbd22),
    new Color(0x17becf)
  };

  static {
    System.setProperty("java.awt.headless", "true");
  }

  private Charts() {}

  /** A named line (or point cloud) of x and y values. */
  public record Series(String name, double[] x, double[] y) {
    public static Series of(String name, List<Double> x, List<Double> y) {
      return new Series(
          name,
          x.stream().mapToDouble(Double::doubleValue).toArray(),
          y.stream().mapToDouble(Double::doubleValue).toArray());
    }
  }

  /** Lines; {@code markers} are drawn as large dots (a chosen threshold, say). */
  public static byte[] lines(
      String title, String xTitle, String yTitle, List<Series> lines, List<Series> markers) {
    return png(linesChart(title, xTitle, yTitle, lines, markers));
  }

  /**
   * The chart {@link #lines} draws. Rates on both axes (ROC, precision-recall, gain) make a square
   * plot, so a diagonal is a diagonal; a rate axis runs from 0 to 1 with a tick every 0.2.
   */
  static XYChart linesChart(
      String title, String xTitle, String yTitle, List<Series> lines, List<Series> markers) {
    boolean xUnit = lines.stream().allMatch(s -> unit(s.x()));
    boolean yUnit = lines.stream().allMatch(s -> unit(s.y()));
    XYChart chart = xy(title, xTitle, yTitle, xUnit && yUnit);
    if (xUnit) {
      chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0);
    }
    if (yUnit) {
      chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
    }
    for (Series s : lines) {
      XYSeries series = chart.addSeries(s.name(), clean(s.x()), clean(s.y()));
      series.setMarker(SeriesMarkers.NONE);
      series.setLineWidth(2f);
    }
    for (Series s : markers) {
      XYSeries series = chart.addSeries(s.name(), s.x(), s.y());
      series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      series.setMarker(SeriesMarkers.CIRCLE);
      series.setMarkerColor(Color.BLACK);
    }
    roundTicks(chart, lines);
    return chart;
  }

  /** Points, one colour per group. */
  public static byte[] scatter(String title, String xTitle, String yTitle, List<Series> groups) {
    return png(scatterChart(title, xTitle, yTitle, groups));
  }

  static XYChart scatterChart(String title, String xTitle, String yTitle, List<Series> groups) {
    XYChart chart = xy(title, xTitle, yTitle, false);
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    chart.getStyler().setMarkerSize(5);
    for (Series s : groups) {
      if (s.x().length > 0) {
        chart.addSeries(s.name(), s.x(), s.y()).setMarker(SeriesMarkers.CIRCLE);
      }
    }
    roundTicks(chart, groups);
    return chart;
  }

  /**
   * XChart puts ticks on the data's own values when they are equally spaced (a curve at every 0.01
   * of the rows, say), which gave steps like 0.06 or 0.09 with labels running into each other. One
   * invisible point off that grid, inside the data's range, makes it choose round steps (1, 2 or 5
   * times a power of ten) as it does for any other data.
   */
  private static void roundTicks(XYChart chart, List<Series> drawn) {
    double[] x = drawn.stream().flatMapToDouble(s -> java.util.Arrays.stream(s.x())).toArray();
    double[] y = drawn.stream().flatMapToDouble(s -> java.util.Arrays.stream(s.y())).toArray();
    if (x.length == 0) {
      return;
    }
    XYSeries off = chart.addSeries(" ", new double[] {offGrid(x)}, new double[] {offGrid(y)});
    off.setShowInLegend(false);
    off.setMarker(SeriesMarkers.NONE);
    off.setLineStyle(org.knowm.xchart.style.lines.SeriesLines.NONE);
  }

  private static double offGrid(double[] values) {
    java.util.DoubleSummaryStatistics s =
        java.util.Arrays.stream(values).filter(Double::isFinite).summaryStatistics();
    return s.getCount() == 0 ? 0.0 : s.getMin() + 0.50037 * (s.getMax() - s.getMin());
  }

  /** Bars by category, one colour per series; {@code values.get(series)} in category order. */
  public static byte[] bars(
      String title,
      String xTitle,
      String yTitle,
      List<String> categories,
      Map<String, List<Double>> values) {
    return png(barsChart(title, xTitle, yTitle, categories, values));
  }

  static CategoryChart barsChart(
      String title,
      String xTitle,
      String yTitle,
      List<String> categories,
      Map<String, List<Double>> values) {
    int longest = categories.stream().mapToInt(String::length).max().orElse(0);
    // Turned labels take height from the plot: give it back, so the bars keep their room.
    int labelRoom = rotation(categories) == 0 ? 0 : Math.min(260, longest * 6);
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(WIDTH)
            .height(HEIGHT + labelRoom)
            .title(title)
            .xAxisTitle(xTitle)
            .yAxisTitle(yTitle)
            .build();
    style(chart.getStyler());
    chart.getStyler().setYAxisTickMarkSpacingHint(Y_TICK_SPACING);
    chart.getStyler().setYAxisDecimalPattern("#,##0.##");
    double[] bounds =
        roundBounds(
            values.values().stream()
                .flatMap(List::stream)
                .mapToDouble(Double::doubleValue)
                .filter(Double::isFinite)
                .toArray());
    chart.getStyler().setYAxisMin(bounds[0]).setYAxisMax(bounds[1]);
    chart.getStyler().setXAxisLabelRotation(rotation(categories));
    chart.getStyler().setLegendVisible(values.size() > 1);
    chart.getStyler().setOverlapped(false);
    for (Map.Entry<String, List<Double>> e : values.entrySet()) {
      chart.addSeries(e.getKey(), categories, e.getValue());
    }
    return chart;
  }

  /**
   * A bar axis from a round value to a round value, zero included (bars start there). Ends off the
   * data's own grid also keep XChart from putting a tick on every value when the values are equally
   * spaced (see {@link #roundTicks}).
   */
  static double[] roundBounds(double[] values) {
    double lo = java.util.Arrays.stream(values).min().orElse(0.0);
    double hi = java.util.Arrays.stream(values).max().orElse(1.0);
    lo = Math.min(0.0, lo);
    hi = Math.max(0.0, hi);
    if (hi == lo) {
      hi = lo + 1.0;
    }
    double raw = (hi - lo) / 5;
    double power = Math.pow(10, Math.floor(Math.log10(raw)));
    double step = raw / power > 5 ? 10 * power : raw / power > 2 ? 5 * power : 2 * power;
    return new double[] {Math.floor(lo / step) * step, Math.ceil(hi / step) * step};
  }

  /** Category labels stand upright while they fit side by side, else turn to 60 degrees. */
  private static int rotation(List<String> categories) {
    int longest = categories.stream().mapToInt(String::length).max().orElse(0);
    // About 7 pixels a character at the axis font; the plot is about 560 pixels wide.
    return categories.size() * (longest * 7 + 12) > WIDTH - 80 ? 60 : 0;
  }

  /**
   * A confusion matrix: rows are actual classes, columns predicted; right answers green, wrong ones
   * red ({@link ConfusionMatrixImage}).
   */
  public static byte[] heatmap(String title, List<String> labels, long[][] counts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try {
      javax.imageio.ImageIO.write(ConfusionMatrixImage.draw(title, labels, counts), "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot draw chart '" + title + "'", e);
    }
    return out.toByteArray();
  }

  private static XYChart xy(String title, String xTitle, String yTitle, boolean square) {
    XYChart chart =
        new XYChartBuilder()
            .width(square ? SQUARE : WIDTH)
            .height(square ? SQUARE : HEIGHT)
            .title(title)
            .xAxisTitle(xTitle)
            .yAxisTitle(yTitle)
            .build();
    style(chart.getStyler());
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
    // XChart's default tick format prints every digit of a computed tick.
    chart.getStyler().setXAxisDecimalPattern("#,##0.##");
    chart.getStyler().setYAxisDecimalPattern("#,##0.##");
    // XChart turns a spacing hint into a step of 1, 2 or 5 times a power of ten, then widens it
    // by whole multiples until labels fit, which on a [0, 1] axis gave steps of 0.06 with
    // labels running into each other. Wider hints give 0.2 on a rate axis of this size.
    chart.getStyler().setXAxisTickMarkSpacingHint(X_TICK_SPACING);
    chart.getStyler().setYAxisTickMarkSpacingHint(Y_TICK_SPACING);
    return chart;
  }

  /** Whether every finite value is a rate, in [0, 1]. */
  private static boolean unit(double[] values) {
    return java.util.Arrays.stream(values).filter(Double::isFinite).allMatch(v -> v >= 0 && v <= 1);
  }

  private static void style(Styler s) {
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    s.setPlotBorderVisible(false);
    s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    s.setSeriesColors(PALETTE);
    s.setAntiAlias(true);
  }

  /** NaN (an undefined rate) becomes the previous value, so a line does not break. */
  private static double[] clean(double[] v) {
    double[] out = v.clone();
    double last = 0.0;
    for (int i = 0; i < out.length; i++) {
      if (Double.isNaN(out[i]) || Double.isInfinite(out[i])) {
        out[i] = last;
      } else {
        last = out[i];
      }
    }
    return out;
  }

  static byte[] png(Chart<?, ?> chart) {
    try {
      return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot draw chart '" + chart.getTitle() + "'", e);
    }
  }
}
