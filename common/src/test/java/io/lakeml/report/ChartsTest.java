package io.lakeml.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.internal.chartpart.DrawnTicks;
import org.knowm.xchart.internal.chartpart.DrawnTicks.Tick;

/**
 * Every chart shape a report draws, drawn with data like a report's, read back from XChart's axes:
 * a readable number of ticks, no two tick labels over each other, round steps on rate axes.
 */
class ChartsTest {
  private static final List<Double> ROUND = List.of(0.0, 0.2, 0.4, 0.6, 0.8, 1.0);

  @Test
  void rateAgainstRateIsSquareWithATickEveryTwoTenths() {
    Chart<?, ?> roc =
        Charts.linesChart(
            "ROC",
            "false positive rate",
            "recall",
            List.of(curve("model", x -> Math.sqrt(x)), curve("chance", x -> x)),
            List.of(new Charts.Series("threshold", new double[] {0.3}, new double[] {0.55})));
    assertThat(roc.getWidth()).isEqualTo(roc.getHeight());
    for (boolean x : new boolean[] {true, false}) {
      List<Tick> ticks = readable(roc, x);
      assertThat(ticks.stream().map(t -> Double.parseDouble(t.label())).toList())
          .as(x ? "x " + ticks : "y " + ticks)
          .isEqualTo(ROUND);
    }
  }

  @Test
  void liftKeepsItsRangeAndStaysReadable() {
    Chart<?, ?> lift =
        Charts.linesChart(
            "Lift",
            "share of rows",
            "lift",
            List.of(curve("model", x -> 1 + 3 * (1 - x) * (1 - x))),
            List.of());
    assertThat(lift.getWidth()).isGreaterThan(lift.getHeight());
    assertThat(readable(lift, true).stream().map(t -> Double.parseDouble(t.label())).toList())
        .isEqualTo(ROUND);
    readable(lift, false);
  }

  @Test
  void scatterOfLargeValuesIsReadable() {
    double[] actual = IntStream.range(0, 500).mapToDouble(i -> 1_000 + i * 1_234.5).toArray();
    double[] predicted =
        IntStream.range(0, 500).mapToDouble(i -> actual[i] * 0.9 + 5_000).toArray();
    Chart<?, ?> scatter =
        Charts.scatterChart(
            "Predicted against actual",
            "actual",
            "predicted",
            List.of(new Charts.Series("rows", actual, predicted)));
    readable(scatter, true);
    readable(scatter, false);
  }

  @Test
  void barsWithManyLongCategoriesTurnTheirLabels() {
    List<String> features = new ArrayList<>();
    Map<String, List<Double>> weights = new LinkedHashMap<>();
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      features.add("policy_annual_premium_" + i);
      values.add((i - 10) * 0.137);
    }
    weights.put("weight", values);
    // Every category keeps its label: 20 of them, turned so that none runs into the next.
    readable(Charts.barsChart("Feature weights", "feature", "weight", features, weights), true, 20);
    readable(Charts.barsChart("Feature weights", "feature", "weight", features, weights), false);
    Map<String, List<Double>> few = new LinkedHashMap<>();
    few.put("share", List.of(0.5, 0.3, 0.2));
    readable(Charts.barsChart("Drift", "bin", "share", List.of("a", "b", "c"), few), true);
  }

  @Test
  void aConfusionMatrixTellsRightFromWrongAtAGlance() throws Exception {
    long[][] counts = {{700, 40}, {0, 230}};
    java.awt.image.BufferedImage image =
        javax.imageio.ImageIO.read(
            new java.io.ByteArrayInputStream(
                Charts.heatmap("Confusion matrix", List.of("N", "Y"), counts)));
    assertThat(image.getWidth()).isEqualTo(image.getHeight());
    // Sample each cell off its centre, away from the text.
    java.util.function.BiFunction<Integer, Integer, java.awt.Color> at =
        (a, p) -> {
          int[] c = ConfusionMatrixImage.centre(2, a, p);
          int edge = ConfusionMatrixImage.cell(2) / 2 - 6;
          return new java.awt.Color(image.getRGB(c[0] - edge, c[1] - edge));
        };
    assertThat(greenOverRed(at.apply(0, 0))).as("right, N").isPositive();
    assertThat(greenOverRed(at.apply(1, 1))).as("right, Y").isPositive();
    assertThat(greenOverRed(at.apply(0, 1))).as("wrong, 40 of N").isNegative();
    assertThat(at.apply(1, 0))
        .as("no wrong answers: near white")
        .isEqualTo(ConfusionMatrixImage.NONE);
    // Deeper with the share of the class: 700 of 740 against 230 of 230.
    assertThat(at.apply(1, 1).getGreen()).isLessThan(at.apply(0, 0).getGreen() + 1);
  }

  @Test
  void aConfusionMatrixOfManyClassesStaysSquareAndBounded() throws Exception {
    List<String> names = IntStream.range(0, 12).mapToObj(i -> "class_number_" + i).toList();
    long[][] counts = new long[12][12];
    for (int i = 0; i < 12; i++) {
      counts[i][i] = 50;
      counts[i][(i + 1) % 12] = 3;
    }
    java.awt.image.BufferedImage image =
        javax.imageio.ImageIO.read(
            new java.io.ByteArrayInputStream(Charts.heatmap("Confusion matrix", names, counts)));
    assertThat(image.getWidth()).isEqualTo(image.getHeight()).isLessThanOrEqualTo(720);
    int[] last = ConfusionMatrixImage.centre(12, 11, 11);
    assertThat(last[0]).isLessThan(image.getWidth());
    assertThat(last[1]).isLessThan(image.getHeight());
  }

  private static int greenOverRed(java.awt.Color c) {
    return c.getGreen() - c.getRed();
  }

  private static List<Tick> readable(Chart<?, ?> chart, boolean x) {
    return readable(chart, x, 12);
  }

  /** The axis's ticks, asserted readable: 2 to {@code most} labels, none over its neighbour. */
  private static List<Tick> readable(Chart<?, ?> chart, boolean x, int most) {
    List<Tick> ticks =
        new ArrayList<>(DrawnTicks.of(chart, x))
            .stream().sorted(java.util.Comparator.comparingDouble(Tick::at)).toList();
    String axis = chart.getTitle() + (x ? " x axis " : " y axis ") + ticks;
    assertThat(ticks.size()).as(axis).isBetween(2, most);
    for (int i = 1; i < ticks.size(); i++) {
      Tick a = ticks.get(i - 1);
      Tick b = ticks.get(i);
      assertThat(b.at() - a.at())
          .as("%s: '%s' and '%s' overlap", axis, a.label(), b.label())
          .isGreaterThan((a.extent() + b.extent()) / 2 + 2);
    }
    return ticks;
  }

  private static Charts.Series curve(String name, java.util.function.DoubleUnaryOperator f) {
    double[] x = IntStream.rangeClosed(0, 100).mapToDouble(i -> i / 100.0).toArray();
    return new Charts.Series(name, x, java.util.Arrays.stream(x).map(f).toArray());
  }
}
