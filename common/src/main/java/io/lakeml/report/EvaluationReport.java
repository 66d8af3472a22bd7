package io.lakeml.report;

import io.lakeml.explain.Explainer;
import io.lakeml.io.LakeFiles;
import io.lakeml.ml.Task;
import io.lakeml.model.SearchSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A model's evaluation report, {@code reports/<model>/<version>/index.html}: the headline metrics,
 * the task's own charts ({@link TaskSection}), feature weights, the models compared on the same
 * rows, the hyperparameter search, the training data's quality and the run's details.
 */
public final class EvaluationReport {
  /** Run details listed at the end, in this order, where the metadata has them. */
  private static final List<String> RUN_INFO =
      List.of(
          "name",
          "version",
          "task",
          "algorithm",
          "params",
          "label",
          "classes",
          "training_data",
          "rows",
          "split",
          "class_balance",
          "features",
          "threshold",
          "threshold_policy",
          "promotion",
          "created_at",
          "run_id",
          "spark_version",
          "lakeml_version");

  private EvaluationReport() {}

  /** Draws the charts, writes them and {@code index.html} under {@code dir}; returns the page. */
  public static String write(LakeFiles files, String dir, ReportData data) {
    HtmlPage page = render(data);
    return page.write(files, dir, footer(data));
  }

  /** The page, its charts drawn. */
  static HtmlPage render(ReportData d) {
    TaskSection section = TaskSection.of(d.task());
    HtmlPage page = new HtmlPage(d.model() + " v" + d.version());
    page.header(
        d.model() + " v" + d.version(),
        d.champion() ? Optional.of(HtmlPage.Badge.of("champion")) : Optional.empty(),
        d.task().displayName()
            + " · "
            + d.metadata().algorithm()
            + " · trained "
            + d.metadata().createdAt()
            + " · test rows: "
            + d.metrics().rows());
    page.cards(section.headline(), d.metrics().toMap());
    section.render(d, page);
    weights(d, page);
    explanations(d, page);
    comparison(d, section, page);
    search(d, page);
    dataQuality(d, page);
    runInfo(d, page);
    return page;
  }

  static String footer(ReportData d) {
    return "lakeml "
        + d.metadata().versions().lakeml()
        + " · Spark "
        + d.metadata().versions().spark();
  }

  private static void weights(ReportData d, HtmlPage page) {
    if (d.weights().weights().isEmpty()) {
      return;
    }
    List<Map.Entry<String, Double>> top = d.weights().top(20);
    String kind = d.weights().kind();
    boolean importance = kind.startsWith("importance");
    page.chart(
        "feature_weights",
        (importance ? "Feature importances (" + kind + ")" : "Coefficients (" + kind + ")")
            + ", strongest 20",
        Charts.bars(
            importance ? "Feature importance" : "Coefficients",
            "feature",
            kind,
            top.stream().map(Map.Entry::getKey).toList(),
            Map.of(kind, top.stream().map(Map.Entry::getValue).toList())));
  }

  /**
   * Per-prediction reasons: which features move predictions most on average, and why the
   * highest-scored test rows scored as they did.
   */
  private static void explanations(ReportData d, HtmlPage page) {
    if (d.explanations().isEmpty()) {
      return;
    }
    Explainer.Summary x = d.explanations().get();
    page.section("Why it predicts what it does");
    page.paragraph(
        "Each prediction splits into one contribution per feature plus a bias; they add up to the"
            + " model's raw output ("
            + rawOutput(d)
            + "). Positive contributions push towards "
            + (d.task() == Task.BINARY
                ? "the positive class " + d.metadata().question().positiveClass().orElse("")
                : "a higher value")
            + ". Measured on "
            + x.rowsExplained()
            + " test rows; "
            + (d.metadata().algorithm().startsWith("xgboost")
                ? "exact tree SHAP values from XGBoost."
                : "coefficient × (value − training mean)."));
    List<Map.Entry<String, Double>> top = x.meanAbsolute().entrySet().stream().limit(20).toList();
    page.chart(
        "explanations",
        "Mean |contribution| per feature, strongest 20",
        Charts.bars(
            "Mean |contribution|",
            "feature",
            "mean |contribution|",
            top.stream().map(Map.Entry::getKey).toList(),
            Map.of("mean |contribution|", top.stream().map(Map.Entry::getValue).toList())));
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Explainer.Case c : x.highest()) {
      Map<String, Object> row = new LinkedHashMap<>(c.id());
      row.put("score", c.score());
      for (int i = 0; i < Math.min(3, c.reasons().size()); i++) {
        Explainer.Reason r = c.reasons().get(i);
        row.put(
            "reason " + (i + 1),
            String.format(Locale.ROOT, "%s %+.3f", r.feature(), r.contribution()));
      }
      rows.add(row);
    }
    if (!rows.isEmpty()) {
      page.paragraph(
          "The " + rows.size() + " highest-scored test rows and their strongest reasons:");
      page.table(new ArrayList<>(rows.get(0).keySet()), rows);
    }
  }

  private static String rawOutput(ReportData d) {
    return switch (d.task()) {
      case BINARY -> "the log-odds of the positive class";
      case MULTICLASS -> "the log-odds of the predicted class";
      default -> "the predicted value";
    };
  }

  /** This model and the others of {@code evaluate.compare}, on the same test rows. */
  private static void comparison(ReportData d, TaskSection section, HtmlPage page) {
    if (d.comparisons().isEmpty()) {
      return;
    }
    page.section("Models compared on the same test rows");
    List<String> keys = new ArrayList<>(List.of("model", "algorithm", "champion"));
    keys.addAll(section.compared());
    List<Map<String, Object>> rows = new ArrayList<>();
    rows.add(
        row(
            d.model() + " v" + d.version() + " (this report)",
            d.metadata().algorithm(),
            d.champion(),
            d.metrics().toMap()));
    for (ReportData.Comparison c : d.comparisons()) {
      rows.add(
          row(c.model() + " v" + c.version(), c.algorithm(), c.champion(), c.metrics().toMap()));
    }
    page.table(keys, rows).note("★ the champion of its model name.");
    if (d.task() == Task.BINARY) {
      compareCurves(d, page);
    }
  }

  private static Map<String, Object> row(
      String model, String algorithm, boolean champion, Map<String, Object> metrics) {
    Map<String, Object> row = new LinkedHashMap<>(metrics);
    row.put("model", model);
    row.put("algorithm", algorithm);
    row.put("champion", champion ? "★" : "");
    return row;
  }

  private static void compareCurves(ReportData d, HtmlPage page) {
    List<Charts.Series> roc = new ArrayList<>();
    List<Charts.Series> pr = new ArrayList<>();
    roc.add(rocOf(d.model() + " v" + d.version(), d.curve()));
    pr.add(prOf(d.model() + " v" + d.version(), d.curve()));
    for (ReportData.Comparison c : d.comparisons()) {
      if (!c.curve().isEmpty()) {
        roc.add(rocOf(c.model() + " v" + c.version(), c.curve()));
        pr.add(prOf(c.model() + " v" + c.version(), c.curve()));
      }
    }
    page.chart(
        "compare_roc",
        "ROC curves of the models compared",
        Charts.lines("ROC curves", "false positive rate", "recall", roc, List.of()));
    page.chart(
        "compare_pr",
        "Precision-recall curves of the models compared",
        Charts.lines("Precision-recall curves", "recall", "precision", pr, List.of()));
  }

  private static Charts.Series rocOf(
      String name, List<io.lakeml.evaluation.ThresholdCurve.Rates> curve) {
    return Plots.series(name, curve, r -> r.fpr(), r -> r.recall());
  }

  private static Charts.Series prOf(
      String name, List<io.lakeml.evaluation.ThresholdCurve.Rates> curve) {
    return Plots.series(name, BinarySection.flagging(curve), r -> r.recall(), r -> r.precision());
  }

  private static void search(ReportData d, HtmlPage page) {
    if (d.searchTable().isEmpty() || d.metadata().search().isEmpty()) {
      return;
    }
    SearchSummary s = d.metadata().search().get();
    page.section("Hyperparameter search")
        .paragraph(
            s.method().configName()
                + " search, "
                + s.validation().configName()
                + (s.folds().isPresent() ? " (" + s.folds().getAsInt() + " folds)" : "")
                + ", by "
                + s.metric().configName()
                + "; best: "
                + s.bestParams());
    page.table(new ArrayList<>(d.searchTable().get(0).keySet()), d.searchTable());
  }

  private static void dataQuality(ReportData d, HtmlPage page) {
    if (d.dataQuality().isEmpty()) {
      return;
    }
    ReportData.DataQuality q = d.dataQuality().get();
    page.section("Data quality of the training data's ingest");
    q.profile()
        .ifPresent(
            href ->
                page.paragraph(
                    "What the training data looked like, column by column, against the label: ",
                    new HtmlPage.Link("the data profile of its last day", href),
                    "."));
    if (!q.counts().isEmpty()) {
      page.table(new ArrayList<>(q.counts().keySet()), List.of(q.counts()));
    }
    if (!q.checks().isEmpty()) {
      page.table(new ArrayList<>(q.checks().get(0).keySet()), q.checks());
    }
  }

  private static void runInfo(ReportData d, HtmlPage page) {
    page.section("Run information");
    Map<String, Object> m = d.metadata().toMap();
    Map<String, Object> info = new LinkedHashMap<>();
    for (String k : RUN_INFO) {
      if (m.containsKey(k)) {
        info.put(k, m.get(k));
      }
    }
    page.keyValues(info);
  }
}
