package io.lakeml.report;

import io.lakeml.io.LakeFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One self-contained HTML page, built block by block: every chart embedded as a PNG data URI, the
 * style sheet ({@code lakeml/report.css}) inlined, no script and no external reference, so it opens
 * offline in any browser. Every text is escaped on the way in. {@link #write} also puts each chart
 * beside the page as a PNG file.
 */
public final class HtmlPage {
  private static final String CSS = css();

  private final String title;
  private final StringBuilder body = new StringBuilder();
  private final Map<String, byte[]> charts = new LinkedHashMap<>();

  /** A status label beside the heading; {@code kind} is its style ({@code warn}, {@code alert}). */
  public record Badge(String text, Optional<String> kind) {
    public static Badge of(String text) {
      return new Badge(text, Optional.empty());
    }
  }

  /** A run of bold text inside a paragraph. */
  public record Strong(String text) {}

  /** A link inside a paragraph, to a page beside this one ({@code href} relative). */
  public record Link(String text, String href) {}

  /**
   * A small titled box of drawings, laid out in a grid with the others of its {@link #panels} call.
   */
  public record Panel(String title, String subtitle, List<Svg> drawings, List<String> notes) {}

  /**
   * @param title the document's title, shown by the browser as "title · lakeml report"
   */
  public HtmlPage(String title) {
    this.title = title;
  }

  /** The page's heading, an optional badge and a line under it. */
  public HtmlPage header(String heading, Optional<Badge> badge, String subtitle) {
    body.append("<header><h1>").append(esc(heading));
    badge.ifPresent(
        b ->
            body.append(" <span class=\"badge")
                .append(b.kind().map(k -> " " + esc(k)).orElse(""))
                .append("\">")
                .append(esc(b.text()))
                .append("</span>"));
    body.append("</h1><p>").append(esc(subtitle)).append("</p></header>");
    return this;
  }

  /** The values of {@code keys} that {@code values} holds, as large figures in a row. */
  public HtmlPage cards(List<String> keys, Map<String, ?> values) {
    body.append("<section class=\"cards\">");
    for (String k : keys) {
      Object v = values.get(k);
      if (v != null) {
        body.append("<div class=\"card\"><div class=\"v\">")
            .append(esc(fmt(v)))
            .append("</div><div class=\"k\">")
            .append(esc(k.replace('_', ' ')))
            .append("</div></div>");
      }
    }
    body.append("</section>");
    return this;
  }

  public HtmlPage section(String heading) {
    body.append("<h2>").append(esc(heading)).append("</h2>");
    return this;
  }

  /** A paragraph of texts and {@link Strong} runs. */
  public HtmlPage paragraph(Object... parts) {
    body.append("<p>");
    for (Object part : parts) {
      if (part instanceof Strong s) {
        body.append("<b>").append(esc(s.text())).append("</b>");
      } else if (part instanceof Link l) {
        body.append("<a href=\"")
            .append(esc(l.href()))
            .append("\">")
            .append(esc(l.text()))
            .append("</a>");
      } else {
        body.append(esc(String.valueOf(part)));
      }
    }
    body.append("</p>");
    return this;
  }

  /** Panels in a grid, each a heading, a line under it, its drawings and notes. */
  public HtmlPage panels(List<Panel> panels) {
    body.append("<section class=\"panels\">");
    for (Panel p : panels) {
      body.append("<div class=\"panel\"><h3>")
          .append(esc(p.title()))
          .append("</h3><p class=\"sub\">")
          .append(esc(p.subtitle()))
          .append("</p>");
      p.drawings().forEach(d -> body.append(d.markup()));
      p.notes().forEach(n -> body.append("<p class=\"note\">").append(esc(n)).append("</p>"));
      body.append("</div>");
    }
    body.append("</section>");
    return this;
  }

  /** A short remark in small grey text. */
  public HtmlPage note(String text) {
    body.append("<p class=\"note\">").append(esc(text)).append("</p>");
    return this;
  }

  public HtmlPage bullets(List<String> items) {
    body.append("<ul>");
    items.forEach(i -> body.append("<li>").append(esc(i)).append("</li>"));
    body.append("</ul>");
    return this;
  }

  /** A chart with its caption; an empty image (nothing to draw) adds nothing. */
  public HtmlPage chart(String name, String caption, byte[] png) {
    if (png.length == 0) {
      return this;
    }
    charts.put(name, png);
    body.append("<figure><img alt=\"")
        .append(esc(caption))
        .append("\" width=\"")
        .append(pngSide(png, 16))
        .append("\" height=\"")
        .append(pngSide(png, 20))
        .append("\" src=\"data:image/png;base64,")
        .append(Base64.getEncoder().encodeToString(png))
        .append("\"><figcaption>")
        .append(esc(caption))
        .append("</figcaption></figure>");
    return this;
  }

  /**
   * The width (at byte 16) or height (at byte 20) a PNG declares in its header: charts come in more
   * than one size, and the page reserves each one's own box before it loads.
   */
  static int pngSide(byte[] png, int offset) {
    return java.nio.ByteBuffer.wrap(png, offset, 4).getInt();
  }

  /** A table: one column per key, one row per map; a missing value is an empty cell. */
  public HtmlPage table(List<String> keys, List<? extends Map<String, ?>> rows) {
    body.append("<table><tr>");
    keys.forEach(k -> body.append("<th>").append(esc(k)).append("</th>"));
    body.append("</tr>");
    for (Map<String, ?> r : rows) {
      body.append("<tr>");
      for (String k : keys) {
        Object v = r.get(k);
        body.append("<td>").append(esc(fmt(v == null ? "" : v))).append("</td>");
      }
      body.append("</tr>");
    }
    body.append("</table>");
    return this;
  }

  /** A two-column table of names and values. */
  public HtmlPage keyValues(Map<String, ?> entries) {
    body.append("<table class=\"kv\">");
    entries.forEach(
        (k, v) ->
            body.append("<tr><th>")
                .append(esc(k))
                .append("</th><td>")
                .append(esc(String.valueOf(v)))
                .append("</td></tr>"));
    body.append("</table>");
    return this;
  }

  /** The whole document, with {@code footer} at its end. */
  public String html(String footer) {
    return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
        + esc(title)
        + " · lakeml report</title><style>"
        + CSS
        + "</style></head><body>"
        + body
        + "<footer>"
        + esc(footer)
        + "</footer></body></html>";
  }

  /** Writes the charts and {@code index.html} under {@code dir}; returns the page's path. */
  public String write(LakeFiles files, String dir, String footer) {
    charts.forEach((name, png) -> files.writeBytes(dir + "/" + name + ".png", png));
    files.writeString(dir + "/index.html", html(footer));
    return dir + "/index.html";
  }

  /** The names of the charts added so far, in page order. */
  public List<String> chartNames() {
    return List.copyOf(charts.keySet());
  }

  /** A value as a report shows it: 4 decimals, 1 from a thousand up, a dash for NaN. */
  public static String fmt(Object v) {
    if (v instanceof Double d) {
      if (d.isNaN()) {
        return "–";
      }
      return Math.abs(d) >= 1000
          ? String.format(Locale.ROOT, "%.1f", d)
          : String.format(Locale.ROOT, "%.4f", d);
    }
    return String.valueOf(v);
  }

  static String esc(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  private static String css() {
    try (InputStream in = HtmlPage.class.getResourceAsStream("/lakeml/report.css")) {
      if (in == null) {
        throw new IllegalStateException("lakeml/report.css is missing from the classpath");
      }
      // Comments and line breaks are for people editing the file; the page gets the rules.
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replaceAll("(?s)/\\*.*?\\*/", "")
          .replace("\n", "");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read lakeml/report.css", e);
    }
  }
}
