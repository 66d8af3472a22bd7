package io.lakeml.report;

import io.lakeml.quality.DayProfile;
import io.lakeml.quality.DayProfile.Bin;
import io.lakeml.quality.DayProfile.ColumnView;
import java.util.Locale;

/**
 * A categorical column's most frequent values as horizontal bars of rows, "other" last, and on the
 * right the label for each: the positive class's share on a 0–100 % track, the classes' shares
 * stacked, or the mean of a numeric label.
 */
final class Categories {
  private static final int ROW = 16;
  private static final int NAME_END = 118;
  private static final int BAR = 122;
  private static final int BAR_WIDTH = 140;
  private static final int RELATION = 306;
  private static final int RELATION_WIDTH = ProfilePage.WIDTH - RELATION - 4;

  private Categories() {}

  static Svg draw(DayProfile p, ColumnView c, boolean related) {
    int height = 16 + ROW * c.bins().size();
    Svg svg = new Svg(ProfilePage.WIDTH, height, "most frequent values of " + c.column());
    long max = c.bins().stream().mapToLong(Bin::count).max().orElse(1);
    long total = c.bins().stream().mapToLong(Bin::count).sum();
    svg.text(BAR, 10, "start", "", "rows");
    if (related) {
      svg.text(RELATION, 10, "start", "", heading(p));
    }
    for (int i = 0; i < c.bins().size(); i++) {
      Bin b = c.bins().get(i);
      double y = 14 + i * ROW;
      boolean other = b.name().equals(DayProfile.OTHER);
      String name = other ? String.format(Locale.ROOT, "%,d others", b.members()) : b.name();
      svg.text(NAME_END, y + 11, "end", "name", shorten(name, 20));
      double w = BAR_WIDTH * (double) b.count() / Math.max(max, 1);
      svg.rect(
          BAR,
          y + 2,
          w,
          ROW - 4,
          other ? "other" : "bar",
          String.format(
              Locale.ROOT,
              "%s: %,d rows (%s)",
              name,
              b.count(),
              ProfilePage.percent(b.count(), total)));
      svg.text(BAR + w + 4, y + 11, "start", "", ProfilePage.compact(b.count()));
      if (related) {
        relation(p, svg, b, y);
      }
    }
    return svg;
  }

  private static String heading(DayProfile p) {
    DayProfile.LabelSpec l = p.label().orElseThrow();
    if (!l.categorical()) {
      return "mean " + shorten(l.column(), 10);
    }
    return Relation.binary(p) ? "share " + shorten(l.positive().get(), 8) : "classes";
  }

  private static void relation(DayProfile p, Svg svg, Bin b, double y) {
    DayProfile.LabelSpec l = p.label().orElseThrow();
    if (b.count() < ProfilePage.MIN_ROWS_FOR_SHARE) {
      return;
    }
    if (!l.categorical()) {
      svg.text(ProfilePage.WIDTH - 4, y + 11, "end", "", Relation.number(b.labelMean()));
      return;
    }
    svg.rect(RELATION, y + 3, RELATION_WIDTH, ROW - 6, "track", "");
    if (Relation.binary(p)) {
      String positive = l.positive().get();
      double s = Relation.share(b, positive);
      svg.rect(
          RELATION,
          y + 3,
          RELATION_WIDTH * s,
          ROW - 6,
          "share",
          Relation.tooltip(l.column(), positive, b));
      return;
    }
    double x = RELATION;
    for (int k = 0; k < p.classes().size(); k++) {
      String cls = p.classes().get(k);
      double s = Relation.share(b, cls);
      svg.rect(
          x,
          y + 3,
          RELATION_WIDTH * s,
          ROW - 6,
          "c" + (k % 8),
          Relation.tooltip(l.column(), cls, b));
      x += RELATION_WIDTH * s;
    }
  }

  static String shorten(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
