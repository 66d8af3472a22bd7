package org.knowm.xchart.internal.chartpart;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.font.FontRenderContext;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.style.AxesChartStyler;

/**
 * The tick labels XChart drew on a chart's axes, with where it drew them: read from XChart's own
 * axis state after painting (a test helper in XChart's package, where that state is visible).
 */
public final class DrawnTicks {
  /** A tick label, its centre along the axis and its extent along the axis, in pixels. */
  public record Tick(String label, double at, double extent) {}

  private DrawnTicks() {}

  /** Paints the chart, then returns the ticks of its x axis ({@code x}) or its y axis. */
  public static List<Tick> of(Chart<?, ?> chart, boolean x) {
    BufferedImage image =
        new BufferedImage(chart.getWidth(), chart.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    chart.paint(g, chart.getWidth(), chart.getHeight());
    Axis<?, ?> axis = x ? chart.axisPair.getXAxis() : chart.axisPair.getYAxis();
    AxisTickCalculator calc = axis.getAxisTickCalculator();
    Font font = ((AxesChartStyler) chart.getStyler()).getAxisTickLabelsFont();
    FontRenderContext frc = g.getFontRenderContext();
    double rotation = ((AxesChartStyler) chart.getStyler()).getXAxisLabelRotation();
    // XChart computes a tick or two beyond each end and draws only those on the axis.
    double length = x ? axis.getBounds().getWidth() : axis.getBounds().getHeight();
    List<Tick> ticks = new ArrayList<>();
    for (int i = 0; i < calc.getTickLabels().size(); i++) {
      String label = calc.getTickLabels().get(i);
      double at = calc.getTickLocations().get(i);
      if (label == null || label.isEmpty() || at < -0.5 || at > length + 0.5) {
        continue;
      }
      Rectangle2D box = font.getStringBounds(label, frc);
      double extent;
      if (!x) {
        extent = box.getHeight();
      } else if (rotation != 0) {
        // A rotated label takes its height across the axis's direction, scaled by the angle.
        extent = box.getHeight() / Math.sin(Math.toRadians(Math.abs(rotation)));
      } else {
        extent = box.getWidth();
      }
      ticks.add(new Tick(label, at, extent));
    }
    g.dispose();
    return ticks;
  }
}
