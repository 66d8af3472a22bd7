package io.lakeml.report;

import io.lakeml.quality.DayProfile;
import io.lakeml.quality.DayProfile.Bin;
import io.lakeml.quality.DayProfile.ColumnView;
import io.lakeml.quality.DayProfile.Kind;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The data profile page of a curated day ({@code reports/data-quality/<dataset>/run_date=D/}): the
 * day's size and label balance, the columns with missing values, then one panel per column with its
 * histogram or top categories and, under each bin, the label: the positive class's share for a
 * binary label, the classes' shares for more, the mean for a numeric label.
 */
public final class ProfilePage {
  static final int WIDTH = 380;
  private static final int LEFT = 34;
  private static final int PLOT = WIDTH - LEFT - 6;

  /** Bins with fewer sampled rows than this get no label share: it would be noise. */
  static final long MIN_ROWS_FOR_SHARE = 10;

  private ProfilePage() {}

  public static HtmlPage page(DayProfile p) {
    HtmlPage page =
        new HtmlPage("Data profile · " + p.dataset() + " · " + p.runDate())
            .header(
                "Data profile: " + p.dataset() + ", " + p.runDate(), Optional.empty(), subtitle(p));
    Map<String, Object> cards = cards(p);
    page.cards(new ArrayList<>(cards.keySet()), cards);
    missing(p, page);
    page.section("Columns");
    p.label().ifPresent(l -> page.note(Relation.caption(p)));
    page.panels(p.columns().stream().map(c -> panel(p, c)).toList());
    return page;
  }

  private static String subtitle(DayProfile p) {
    String sample =
        p.sampled() >= p.rows()
            ? "histograms from every row"
            : String.format(Locale.ROOT, "histograms from a sample of %,d rows", p.sampled());
    String label =
        p.label()
            .map(l -> "; under each bin, the label " + l.column() + describeLabel(p))
            .orElse("");
    return String.format(
        Locale.ROOT,
        "%,d rows; missing values counted over all of them, %s%s.",
        p.rows(),
        sample,
        label);
  }

  private static String describeLabel(DayProfile p) {
    DayProfile.LabelSpec l = p.label().orElseThrow();
    if (!l.categorical()) {
      return " (its mean)";
    }
    return l.positive().map(v -> " (the share of " + v + ")").orElse(" (the classes' shares)");
  }

  private static Map<String, Object> cards(DayProfile p) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("rows", String.format(Locale.ROOT, "%,d", p.rows()));
    out.put("columns", p.columns().size());
    long incomplete = p.columns().stream().filter(c -> c.nulls() > 0).count();
    out.put("columns with missing values", incomplete);
    long total = totalOf(p);
    for (String cls : p.classes()) {
      long n = classCount(p, cls);
      out.put(p.label().orElseThrow().column() + " = " + cls, percent(n, total));
    }
    return out;
  }

  /** The label's classes counted in the column that holds them all (the label's own column). */
  private static long classCount(DayProfile p, String cls) {
    return labelColumn(p)
        .map(c -> c.bins().stream().mapToLong(b -> b.byClass().getOrDefault(cls, 0L)).sum())
        .orElse(0L);
  }

  private static long totalOf(DayProfile p) {
    return labelColumn(p).map(c -> c.bins().stream().mapToLong(Bin::count).sum()).orElse(0L);
  }

  private static Optional<ColumnView> labelColumn(DayProfile p) {
    return p.label()
        .flatMap(l -> p.columns().stream().filter(c -> c.column().equals(l.column())).findFirst());
  }

  private static void missing(DayProfile p, HtmlPage page) {
    List<Map<String, ?>> rows = new ArrayList<>();
    p.columns().stream()
        .filter(c -> c.nulls() > 0)
        .sorted((a, b) -> Long.compare(b.nulls(), a.nulls()))
        .forEach(
            c -> {
              Map<String, Object> r = new LinkedHashMap<>();
              r.put("column", c.column());
              r.put("missing", c.nulls());
              r.put("share", percent(c.nulls(), p.rows()));
              rows.add(r);
            });
    page.section("Missing values");
    if (rows.isEmpty()) {
      page.paragraph("No column has a missing value.");
    } else {
      page.table(List.of("column", "missing", "share"), rows);
    }
  }

  static HtmlPage.Panel panel(DayProfile p, ColumnView c) {
    String sub =
        c.type()
            + " · missing "
            + String.format(Locale.ROOT, "%,d", c.nulls())
            + " ("
            + percent(c.nulls(), p.rows())
            + ")";
    List<Svg> drawings = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    boolean related = p.label().isPresent() && !p.label().get().column().equals(c.column());
    if (c.bins().isEmpty()) {
      notes.add("No values in the sample.");
    } else if (c.kind() == Kind.CATEGORICAL) {
      drawings.add(Categories.draw(p, c, related));
      long categories = c.bins().stream().mapToLong(Bin::members).sum();
      sub += String.format(Locale.ROOT, " · %,d categories in the sample", categories);
    } else {
      drawings.add(histogram(c));
      if (related) {
        drawings.add(Relation.draw(p, c));
      }
    }
    return new HtmlPage.Panel(c.column(), sub, drawings, notes);
  }

  /** Bars of rows per bin, with the range's ends and middle on the axis. */
  static Svg histogram(ColumnView c) {
    int height = 104;
    int base = 86;
    Svg svg = new Svg(WIDTH, height, "histogram of " + c.column());
    long max = c.bins().stream().mapToLong(Bin::count).max().orElse(1);
    long total = c.bins().stream().mapToLong(Bin::count).sum();
    double w = (double) PLOT / c.bins().size();
    for (int i = 0; i < c.bins().size(); i++) {
      Bin b = c.bins().get(i);
      double h = (base - 10) * (double) b.count() / Math.max(max, 1);
      String range =
          c.bins().size() == 1
              ? value(c, c.min())
              : value(c, c.edge(i)) + " – " + value(c, c.edge(i + 1));
      String title =
          String.format(
              Locale.ROOT, "%s: %,d rows (%s)", range, b.count(), percent(b.count(), total));
      svg.rect(LEFT + i * w + 0.5, base - h, w - 1, h, "bar", title);
    }
    svg.line(LEFT, base, LEFT + PLOT, base, "axis");
    svg.text(LEFT - 4, 14, "end", "", compact(max));
    svg.text(LEFT - 4, base, "end", "", "0");
    svg.text(LEFT, base + 13, "start", "", value(c, c.min()));
    if (c.bins().size() > 1) {
      svg.text(LEFT + PLOT / 2.0, base + 13, "middle", "", value(c, (c.min() + c.max()) / 2));
      svg.text(LEFT + PLOT, base + 13, "end", "", value(c, c.max()));
    }
    return svg;
  }

  /** A bin edge as the column's values read: a date, a whole number, or 3 significant digits. */
  static String value(ColumnView c, double v) {
    if (c.kind() == Kind.DATE) {
      return LocalDate.ofEpochDay((long) Math.floor(v)).toString();
    }
    if (c.type().equals("int") || c.type().equals("bigint") || c.type().equals("smallint")) {
      long n = Math.round(v);
      // Years and codes read without a thousands separator; large counts get k and M.
      return Math.abs(n) < 10_000 ? Long.toString(n) : compact(n);
    }
    if (v == 0) {
      return "0";
    }
    double abs = Math.abs(v);
    if (abs >= 10_000 || abs < 0.01) {
      return String.format(Locale.ROOT, "%.2e", v);
    }
    return new java.math.BigDecimal(v)
        .round(new java.math.MathContext(3))
        .stripTrailingZeros()
        .toPlainString();
  }

  /** 1,234 as 1,234; 12,345 as 12.3k; 1,234,567 as 1.23M. */
  static String compact(long n) {
    if (Math.abs(n) < 10_000) {
      return String.format(Locale.ROOT, "%,d", n);
    }
    if (Math.abs(n) < 1_000_000) {
      return String.format(Locale.ROOT, "%.1fk", n / 1e3);
    }
    return String.format(Locale.ROOT, "%.2fM", n / 1e6);
  }

  static String percent(long part, long whole) {
    return whole == 0 ? "–" : String.format(Locale.ROOT, "%.1f %%", 100.0 * part / whole);
  }
}
