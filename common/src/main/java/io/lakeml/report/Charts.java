package io.lakeml.report;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The few chart shapes a report needs (lines, scatter, bars, a heat map), drawn with XChart into
 * PNG bytes. AWT runs headless: drivers on EMR and CI machines have no display.
 */
public final class Charts {
  public static final int WIDTH = 640;
  public static final int HEIGHT = 420;
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
    XYChart chart = xy(title, xTitle, yTitle);
    unitAxes(chart, lines);
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
    return png(chart);
  }

  /** Points, one colour per group. */
  public static byte[] scatter(String title, String xTitle, String yTitle, List<Series> groups) {
    XYChart chart = xy(title, xTitle, yTitle);
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    chart.getStyler().setMarkerSize(5);
    for (Series s : groups) {
      if (s.x().length > 0) {
        chart.addSeries(s.name(), s.x(), s.y()).setMarker(SeriesMarkers.CIRCLE);
      }
    }
    return png(chart);
  }

  /** Bars by category, one colour per series; {@code values.get(series)} in category order. */
  public static byte[] bars(
      String title,
      String xTitle,
      String yTitle,
      List<String> categories,
      Map<String, List<Double>> values) {
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(title)
            .xAxisTitle(xTitle)
            .yAxisTitle(yTitle)
            .build();
    style(chart.getStyler());
    chart.getStyler().setXAxisLabelRotation(categories.size() > 6 ? 60 : 0);
    chart.getStyler().setLegendVisible(values.size() > 1);
    chart.getStyler().setOverlapped(false);
    for (Map.Entry<String, List<Double>> e : values.entrySet()) {
      chart.addSeries(e.getKey(), categories, e.getValue());
    }
    return png(chart);
  }

  /** A matrix of counts: rows are actual classes, columns predicted. */
  public static byte[] heatmap(String title, List<String> labels, long[][] counts) {
    HeatMapChart chart =
        new HeatMapChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(title)
            .xAxisTitle("predicted")
            .yAxisTitle("actual")
            .build();
    style(chart.getStyler());
    chart.getStyler().setShowValue(true);
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setRangeColors(new Color[] {new Color(0xf7fbff), new Color(0x6baed6)});
    chart.getStyler().setValueFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
    List<Number[]> cells = new ArrayList<>();
    int n = labels.size();
    for (int actual = 0; actual < n; actual++) {
      for (int predicted = 0; predicted < n; predicted++) {
        // Rows from the top: the first class is drawn at the top of the y axis.
        cells.add(new Number[] {predicted, n - 1 - actual, counts[actual][predicted]});
      }
    }
    List<String> yLabels = new ArrayList<>(labels);
    java.util.Collections.reverse(yLabels);
    chart.addSeries("counts", labels, yLabels, cells);
    return png(chart);
  }

  private static XYChart xy(String title, String xTitle, String yTitle) {
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(title)
            .xAxisTitle(xTitle)
            .yAxisTitle(yTitle)
            .build();
    style(chart.getStyler());
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
    // XChart's default tick format prints every digit of a computed tick.
    chart.getStyler().setXAxisDecimalPattern("#,##0.##");
    chart.getStyler().setYAxisDecimalPattern("#,##0.##");
    return chart;
  }

  /** Rates (ROC, gain, calibration) get fixed [0, 1] axes: ticks at round values. */
  private static void unitAxes(XYChart chart, List<Series> lines) {
    boolean xUnit = true;
    boolean yUnit = true;
    for (Series s : lines) {
      xUnit &=
          java.util.Arrays.stream(s.x()).filter(Double::isFinite).allMatch(v -> v >= 0 && v <= 1);
      yUnit &=
          java.util.Arrays.stream(s.y()).filter(Double::isFinite).allMatch(v -> v >= 0 && v <= 1);
    }
    if (xUnit) {
      chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0);
    }
    if (yUnit) {
      chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
    }
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
