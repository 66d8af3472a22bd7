import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The charts of bench/RESULTS.md, drawn from the newest local[2] measurement of each kind in
 * bench/results/*.tsv (a later line replaces an earlier one for the same key):
 *
 * <ul>
 *   <li>{@code training.png}: lakeml's fit time over scikit-learn's, per algorithm, by rows;
 *   <li>{@code throughput.png}: seconds of the bare Spark baselines against lakeml, for ingest and
 *       scoring, by rows.
 * </ul>
 *
 * <p>Usage: {@code BenchCharts <bench/results>}
 */
public final class BenchCharts {
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    training(dir);
    throughput(dir);
  }

  static void training(Path dir) throws IOException {
    // algorithm -> rows -> side -> seconds
    Map<String, TreeMap<Long, Map<String, Double>>> fits = new TreeMap<>();
    for (Map<String, String> r : rows(dir.resolve("train.tsv"))) {
      // Lines with params measured something other than lakeml's defaults (a solver, a seed).
      if (r.get("master").equals("local[2]")
          && !r.get("fit_s").isEmpty()
          && r.getOrDefault("params", "").isEmpty()) {
        fits.computeIfAbsent(r.get("algorithm"), a -> new TreeMap<>())
            .computeIfAbsent(Long.parseLong(r.get("rows")), n -> new LinkedHashMap<>())
            .put(r.get("side"), Double.parseDouble(r.get("fit_s")));
      }
    }
    XYChart chart =
        new XYChartBuilder()
            .width(720)
            .height(420)
            .title("Fit time, lakeml / scikit-learn (same rows, same 2 cores)")
            .xAxisTitle("rows")
            .yAxisTitle("time ratio")
            .build();
    chart.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true);
    chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
    fits.forEach(
        (algorithm, byRows) -> {
          List<Double> x = new ArrayList<>();
          List<Double> y = new ArrayList<>();
          byRows.forEach(
              (n, sides) -> {
                if (sides.containsKey("lakeml") && sides.containsKey("sklearn")) {
                  x.add(n.doubleValue());
                  y.add(sides.get("lakeml") / sides.get("sklearn"));
                }
              });
          if (!x.isEmpty()) {
            chart.addSeries(algorithm, x, y).setMarker(SeriesMarkers.CIRCLE);
          }
        });
    if (!fits.isEmpty()) {
      List<Double> span = List.of(1e5, 1e7);
      XYSeries target = chart.addSeries("2x target", span, List.of(2.0, 2.0));
      target.setMarker(SeriesMarkers.NONE);
      target.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
      BitmapEncoder.saveBitmap(chart, dir.resolve("training.png").toString(), BitmapEncoder.BitmapFormat.PNG);
    }
  }

  static void throughput(Path dir) throws IOException {
    Map<String, Double> bare = new LinkedHashMap<>();
    Map<String, Double> lakeml = new LinkedHashMap<>();
    for (String kind : List.of("ingest", "score")) {
      for (Map<String, String> r : rows(dir.resolve(kind + ".tsv"))) {
        if (r.get("master").equals("local[2]")) {
          String key = kind + " " + millions(r.get("rows"));
          bare.put(key, Double.parseDouble(r.get("bare_s")));
          lakeml.put(key, Double.parseDouble(r.get("lakeml_s")));
        }
      }
    }
    if (bare.isEmpty()) {
      return;
    }
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(720)
            .height(420)
            .title("Seconds: bare Spark against lakeml (same file, same run)")
            .yAxisTitle("seconds")
            .build();
    chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
    chart.addSeries("bare Spark", new ArrayList<>(bare.keySet()), new ArrayList<>(bare.values()));
    chart.addSeries("lakeml", new ArrayList<>(lakeml.keySet()), new ArrayList<>(lakeml.values()));
    BitmapEncoder.saveBitmap(chart, dir.resolve("throughput.png").toString(), BitmapEncoder.BitmapFormat.PNG);
  }

  static String millions(String rows) {
    return (Long.parseLong(rows) / 1_000_000) + " M";
  }

  /** A TSV file with a header line as maps; missing file, no rows. */
  static List<Map<String, String>> rows(Path tsv) throws IOException {
    List<Map<String, String>> out = new ArrayList<>();
    if (!Files.exists(tsv)) {
      return out;
    }
    List<String> lines = Files.readAllLines(tsv);
    String[] header = lines.get(0).split("\t", -1);
    for (String line : lines.subList(1, lines.size())) {
      String[] values = line.split("\t", -1);
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < header.length; i++) {
        row.put(header[i], i < values.length ? values[i] : "");
      }
      out.add(row);
    }
    return out;
  }
}
