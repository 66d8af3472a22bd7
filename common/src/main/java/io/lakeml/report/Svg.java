package io.lakeml.report;

import java.util.Locale;

/**
 * A small inline SVG drawing: rectangles, lines and text, every text escaped, each shape with an
 * optional tooltip. Pages with dozens of small charts (the data profile) draw them as SVG rather
 * than PNG: a few hundred bytes each, sharp at any zoom, and no image to load.
 */
public final class Svg {
  private final int width;
  private final int height;
  private final String label;
  private final StringBuilder shapes = new StringBuilder();

  /**
   * @param label what the drawing shows, for screen readers
   */
  public Svg(int width, int height, String label) {
    this.width = width;
    this.height = height;
    this.label = label;
  }

  /** A filled rectangle of style {@code cls}, with a tooltip when {@code title} is not empty. */
  public Svg rect(double x, double y, double w, double h, String cls, String title) {
    shapes.append("<rect");
    attr("x", num(x)).attr("y", num(y)).attr("width", num(Math.max(w, 0)));
    attr("height", num(Math.max(h, 0))).attr("class", cls);
    if (title.isEmpty()) {
      shapes.append("/>");
    } else {
      shapes.append("><title>").append(HtmlPage.esc(title)).append("</title></rect>");
    }
    return this;
  }

  public Svg line(double x1, double y1, double x2, double y2, String cls) {
    shapes.append("<line");
    attr("x1", num(x1)).attr("y1", num(y1)).attr("x2", num(x2)).attr("y2", num(y2));
    attr("class", cls);
    shapes.append("/>");
    return this;
  }

  /** Text at (x, y); {@code anchor} is {@code start}, {@code middle} or {@code end}. */
  public Svg text(double x, double y, String anchor, String cls, String text) {
    shapes.append("<text");
    attr("x", num(x)).attr("y", num(y)).attr("text-anchor", anchor).attr("class", cls);
    shapes.append('>').append(HtmlPage.esc(text)).append("</text>");
    return this;
  }

  /** One attribute of the shape being written, its value escaped. */
  private Svg attr(String name, String value) {
    shapes.append(' ').append(name).append("=\"").append(HtmlPage.esc(value)).append('"');
    return this;
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  /** The drawing as an {@code <svg>} element. */
  public String markup() {
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\""
        + width
        + "\" height=\""
        + height
        + "\" viewBox=\"0 0 "
        + width
        + " "
        + height
        + "\" role=\"img\" aria-label=\""
        + HtmlPage.esc(label)
        + "\">"
        + shapes
        + "</svg>";
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
