package io.lakeml.report;

import io.lakeml.quality.DayProfile;
import io.lakeml.quality.DayProfile.Bin;
import io.lakeml.quality.DayProfile.ColumnView;
import java.util.List;
import java.util.Locale;

/**
 * The label under each bin of a histogram, on the same x positions: the positive class's share (a
 * binary label), the classes' shares stacked to 100 % (more classes, or no positive one), or the
 * mean (a numeric label), each against the whole column's value as a dashed line.
 */
final class Relation {
  private static final int LEFT = 34;
  private static final int PLOT = ProfilePage.WIDTH - LEFT - 6;
  private static final int TOP = 4;
  private static final int HEIGHT = 44;

  private Relation() {}

  static Svg draw(DayProfile p, ColumnView c) {
    DayProfile.LabelSpec l = p.label().orElseThrow();
    if (!l.categorical()) {
      return means(c, l.column());
    }
    if (binary(p)) {
      return share(c, l.column(), l.positive().get());
    }
    return stacked(p, c, l.column());
  }

  static String caption(DayProfile p) {
    DayProfile.LabelSpec l = p.label().orElseThrow();
    if (!l.categorical()) {
      return "Under each histogram: the mean "
          + l.column()
          + " of the bin's rows; dashed: over all of the column's rows.";
    }
    if (binary(p)) {
      return "Under each histogram, in red: the share of "
          + l.column()
          + " = "
          + l.positive().get()
          + " among the bin's rows; dashed: among all of the column's rows. Beside each"
          + " category: the same share on a scale of 0 to 100 %. Bins of fewer than "
          + ProfilePage.MIN_ROWS_FOR_SHARE
          + " rows have none.";
    }
    return "Under each histogram and beside each category: "
        + "the classes of "
        + l.column()
        + " among the bin's rows, stacked to 100 %: "
        + legend(p.classes());
  }

  static String legend(List<String> classes) {
    StringBuilder out = new StringBuilder();
    String[] colours = {"red", "blue", "teal", "orange", "green", "yellow", "purple", "brown"};
    for (int i = 0; i < classes.size(); i++) {
      out.append(i == 0 ? "" : ", ")
          .append(classes.get(i))
          .append(" (")
          .append(colours[i % 8])
          .append(')');
    }
    return out.append('.').toString();
  }

  private static Svg share(ColumnView c, String label, String positive) {
    Svg svg =
        new Svg(
            ProfilePage.WIDTH,
            HEIGHT + 8,
            "share of " + label + " = " + positive + " by bin of " + c.column());
    long all = 0;
    long hits = 0;
    double top = 0;
    for (Bin b : c.bins()) {
      all += b.count();
      hits += b.byClass().getOrDefault(positive, 0L);
      if (b.count() >= ProfilePage.MIN_ROWS_FOR_SHARE) {
        top = Math.max(top, share(b, positive));
      }
    }
    double overall = all == 0 ? 0 : (double) hits / all;
    double scale = niceCeiling(Math.max(top, overall));
    double w = (double) PLOT / c.bins().size();
    for (int i = 0; i < c.bins().size(); i++) {
      Bin b = c.bins().get(i);
      if (b.count() < ProfilePage.MIN_ROWS_FOR_SHARE) {
        continue;
      }
      double s = share(b, positive);
      double h = HEIGHT * s / scale;
      svg.rect(
          LEFT + i * w + 0.5, TOP + HEIGHT - h, w - 1, h, "share", tooltip(label, positive, b));
    }
    double y = TOP + HEIGHT - HEIGHT * overall / scale;
    svg.line(LEFT, y, LEFT + PLOT, y, "mean");
    svg.line(LEFT, TOP + HEIGHT, LEFT + PLOT, TOP + HEIGHT, "axis");
    svg.text(LEFT - 4, TOP + 8, "end", "", String.format(Locale.ROOT, "%.0f %%", 100 * scale));
    svg.text(LEFT - 4, TOP + HEIGHT, "end", "", "0");
    return svg;
  }

  /**
   * Whether the label is drawn as one class's share (a positive class, at most two classes and
   * "missing"), rather than every class stacked.
   */
  static boolean binary(DayProfile p) {
    return p.label().flatMap(DayProfile.LabelSpec::positive).isPresent() && p.classes().size() <= 3;
  }

  /** The share of a bin's rows whose label is {@code cls}. */
  static double share(Bin b, String cls) {
    return b.count() == 0 ? 0 : (double) b.byClass().getOrDefault(cls, 0L) / b.count();
  }

  /** "label = class: 12.3 % of 456 rows", a bar's tooltip. */
  static String tooltip(String label, String cls, Bin b) {
    return String.format(
        Locale.ROOT, "%s = %s: %.1f %% of %,d rows", label, cls, 100 * share(b, cls), b.count());
  }

  /** The next of 10 %, 20 %, 25 %, 50 %, 100 % (and 1 %, 2 %, 5 % below 10 %) at or above x. */
  static double niceCeiling(double x) {
    for (double step : new double[] {0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5}) {
      if (x <= step) {
        return step;
      }
    }
    return 1.0;
  }

  private static Svg stacked(DayProfile p, ColumnView c, String label) {
    Svg svg = new Svg(ProfilePage.WIDTH, HEIGHT + 8, label + "'s classes by bin of " + c.column());
    double w = (double) PLOT / c.bins().size();
    for (int i = 0; i < c.bins().size(); i++) {
      Bin b = c.bins().get(i);
      if (b.count() < ProfilePage.MIN_ROWS_FOR_SHARE) {
        continue;
      }
      double y = TOP + HEIGHT;
      for (int k = 0; k < p.classes().size(); k++) {
        String cls = p.classes().get(k);
        double h = HEIGHT * share(b, cls);
        y -= h;
        svg.rect(LEFT + i * w + 0.5, y, w - 1, h, "c" + (k % 8), tooltip(label, cls, b));
      }
    }
    svg.text(LEFT - 4, TOP + 8, "end", "", "100 %");
    svg.text(LEFT - 4, TOP + HEIGHT, "end", "", "0");
    return svg;
  }

  private static Svg means(ColumnView c, String label) {
    Svg svg = new Svg(ProfilePage.WIDTH, HEIGHT + 8, "mean " + label + " by bin of " + c.column());
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    double sum = 0;
    long n = 0;
    for (Bin b : c.bins()) {
      if (b.count() >= ProfilePage.MIN_ROWS_FOR_SHARE && !Double.isNaN(b.labelMean())) {
        lo = Math.min(lo, b.labelMean());
        hi = Math.max(hi, b.labelMean());
        sum += b.labelMean() * b.count();
        n += b.count();
      }
    }
    if (n == 0) {
      return svg;
    }
    double span = hi > lo ? hi - lo : 1;
    double w = (double) PLOT / c.bins().size();
    for (int i = 0; i < c.bins().size(); i++) {
      Bin b = c.bins().get(i);
      if (b.count() < ProfilePage.MIN_ROWS_FOR_SHARE || Double.isNaN(b.labelMean())) {
        continue;
      }
      double y = TOP + HEIGHT - HEIGHT * (b.labelMean() - lo) / span;
      svg.rect(
          LEFT + i * w + w / 2 - 3,
          y - 3,
          6,
          6,
          "share",
          String.format(
              Locale.ROOT,
              "mean %s: %s over %,d rows",
              label,
              ProfilePage.value(c, b.labelMean()),
              b.count()));
    }
    double mean = TOP + HEIGHT - HEIGHT * (sum / n - lo) / span;
    svg.line(LEFT, mean, LEFT + PLOT, mean, "mean");
    svg.text(LEFT - 4, TOP + 8, "end", "", number(hi));
    svg.text(LEFT - 4, TOP + HEIGHT, "end", "", number(lo));
    return svg;
  }

  static String number(double v) {
    return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.0f" : "%.2g", v);
  }
}
