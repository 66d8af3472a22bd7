package io.lakeml.report;

import io.lakeml.evaluation.BinaryEvaluation;
import io.lakeml.evaluation.ThresholdCurve;
import io.lakeml.ml.ConfusionMatrix;
import io.lakeml.ml.Metrics;
import java.util.List;
import java.util.Map;

/**
 * A binary classifier's report: the decision threshold and what it trades, the confusion matrix at
 * it, ROC and precision-recall curves, the rates against the threshold, cumulative gain, lift and
 * calibration.
 */
final class BinarySection implements TaskSection {
  @Override
  public List<String> headline() {
    return List.of("roc_auc", "pr_auc", "accuracy", "precision", "recall", "specificity", "f1");
  }

  @Override
  public List<String> compared() {
    return List.of("roc_auc", "pr_auc", "accuracy", "precision", "recall", "f1", "log_loss");
  }

  @Override
  public void render(ReportData d, HtmlPage page) {
    Metrics.Binary m = (Metrics.Binary) d.metrics();
    List<ThresholdCurve.Rates> curve = d.curve();
    double t = d.threshold().map(ReportData.Threshold::value).orElse(0.5);
    ThresholdCurve.Rates at = nearest(curve, t);
    d.threshold().ifPresent(th -> threshold(th, page));
    ConfusionMatrix cm = m.confusion();
    page.chart(
        "confusion_matrix",
        "Confusion matrix at the threshold",
        Charts.heatmap(
            "Confusion matrix (threshold " + HtmlPage.fmt(t) + ")",
            List.of("positive", "negative"),
            new long[][] {{cm.tp(), cm.fn()}, {cm.fp(), cm.tn()}}));
    curves(m, curve, at, t, page);
    gainAndLift(curve, at, t, page);
    calibration(d.calibration(), page);
  }

  /** The chosen threshold, how it was chosen, and its counts beside those of 0.5. */
  private static void threshold(ReportData.Threshold th, HtmlPage page) {
    page.section("Decision threshold")
        .paragraph(
            "Threshold ",
            new HtmlPage.Strong(HtmlPage.fmt(th.value())),
            " — "
                + th.policy()
                + ", chosen on the "
                + th.chosenOn().configName()
                + " rows. What it trades against the default of 0.5, on the test rows:");
    page.table(
        List.of("threshold", "tp", "fp", "fn", "tn", "precision", "recall", "specificity", "f1"),
        List.of(trade(th.value(), th.atChosen()), trade(0.5, th.atHalf())));
  }

  private static Map<String, Object> trade(double threshold, ConfusionMatrix c) {
    Map<String, Object> m = ThresholdCurve.basics(threshold, c);
    m.put("f1", c.f1());
    return m;
  }

  /** ROC, precision-recall, and precision, recall, F1 and specificity by threshold. */
  private static void curves(
      Metrics.Binary m,
      List<ThresholdCurve.Rates> curve,
      ThresholdCurve.Rates at,
      double t,
      HtmlPage page) {
    String marker = "threshold " + HtmlPage.fmt(t);
    page.chart(
        "roc",
        "ROC curve",
        Charts.lines(
            "ROC curve (AUC " + HtmlPage.fmt(m.rocAuc()) + ")",
            "false positive rate",
            "true positive rate (recall)",
            List.of(
                Plots.series(
                    "model", curve, ThresholdCurve.Rates::fpr, ThresholdCurve.Rates::recall),
                Plots.diagonal("chance")),
            List.of(
                Plots.point(marker, at, ThresholdCurve.Rates::fpr, ThresholdCurve.Rates::recall))));
    page.chart(
        "pr",
        "Precision-recall curve",
        Charts.lines(
            "Precision-recall (AUC " + HtmlPage.fmt(m.prAuc()) + ")",
            "recall",
            "precision",
            List.of(
                Plots.series(
                    "model",
                    flagging(curve),
                    ThresholdCurve.Rates::recall,
                    ThresholdCurve.Rates::precision)),
            List.of(
                Plots.point(
                    marker, at, ThresholdCurve.Rates::recall, ThresholdCurve.Rates::precision))));
    List<ThresholdCurve.Rates> inRange = curve.stream().filter(p -> p.threshold() <= 1.0).toList();
    page.chart(
        "threshold_metrics",
        "Precision, recall and F1 against the threshold",
        Charts.lines(
            "Metrics by threshold",
            "threshold",
            "value",
            List.of(
                byThreshold("precision", inRange, ThresholdCurve.Rates::precision),
                byThreshold("recall", inRange, ThresholdCurve.Rates::recall),
                byThreshold("F1", inRange, ThresholdCurve.Rates::f1),
                byThreshold("specificity", inRange, ThresholdCurve.Rates::specificity)),
            List.of(
                Plots.point(
                    "chosen", at, ThresholdCurve.Rates::threshold, ThresholdCurve.Rates::f1))));
  }

  /** Cumulative gain and lift against the share of rows flagged. */
  private static void gainAndLift(
      List<ThresholdCurve.Rates> curve, ThresholdCurve.Rates at, double t, HtmlPage page) {
    page.chart(
        "gain",
        "Cumulative gain: the share of positives caught when flagging the top-scored rows",
        Charts.lines(
            "Cumulative gain",
            "share of rows flagged",
            "share of positives caught",
            List.of(
                Plots.series(
                    "model",
                    curve,
                    ThresholdCurve.Rates::flaggedShare,
                    ThresholdCurve.Rates::recall),
                Plots.diagonal("random")),
            List.of(
                Plots.point(
                    "threshold " + HtmlPage.fmt(t),
                    at,
                    ThresholdCurve.Rates::flaggedShare,
                    ThresholdCurve.Rates::recall))));
    page.chart(
        "lift",
        "Lift: how many times the base rate of positives among the rows flagged",
        Charts.lines(
            "Lift",
            "share of rows flagged",
            "lift",
            List.of(
                Plots.series(
                    "model",
                    flagging(curve),
                    ThresholdCurve.Rates::flaggedShare,
                    ThresholdCurve.Rates::lift)),
            List.of()));
  }

  private static void calibration(List<BinaryEvaluation.CalibrationBin> bins, HtmlPage page) {
    if (bins.isEmpty()) {
      return;
    }
    page.chart(
        "calibration",
        "Calibration: predicted probability against the observed rate, per bin",
        Charts.lines(
            "Calibration",
            "mean predicted probability",
            "observed rate of positives",
            List.of(
                Plots.series(
                    "model",
                    bins,
                    BinaryEvaluation.CalibrationBin::meanPredicted,
                    BinaryEvaluation.CalibrationBin::observedRate),
                Plots.diagonal("perfect")),
            List.of()));
  }

  private static Charts.Series byThreshold(
      String name,
      List<ThresholdCurve.Rates> rows,
      java.util.function.ToDoubleFunction<ThresholdCurve.Rates> y) {
    return Plots.series(name, rows, ThresholdCurve.Rates::threshold, y);
  }

  /** The curve without its first point, which flags nothing (no precision, no lift). */
  static List<ThresholdCurve.Rates> flagging(List<ThresholdCurve.Rates> curve) {
    return curve.subList(1, curve.size());
  }

  /** The curve point whose threshold is the lowest at or above {@code t}. */
  static ThresholdCurve.Rates nearest(List<ThresholdCurve.Rates> curve, double t) {
    ThresholdCurve.Rates chosen = curve.get(0);
    for (ThresholdCurve.Rates p : curve) {
      if (p.threshold() >= t) {
        chosen = p;
      }
    }
    return chosen;
  }
}
