package io.lakeml.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.lakeml.ml.ModelColumns;
import io.lakeml.train.TrainFixture;
import java.util.List;
import java.util.Optional;
import ml.dmlc.xgboost4j.scala.spark.XGBoostClassifier;
import ml.dmlc.xgboost4j.scala.spark.XGBoostRegressor;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.RandomForestClassifier;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every explanation sums to the model's raw output: bias + contributions = the margin (log-odds) of
 * a classifier's explained class, or a regressor's prediction; reasons are the strongest slots.
 */
class ExplainerTest {
  static Dataset<Row> rows;

  @BeforeAll
  static void fixture() {
    rows =
        TrainFixture.rows(400, 0.3)
            .selectExpr(
                "x1",
                "x2",
                "CASE WHEN cat = 'a' THEN 1.0 ELSE 0.0 END AS cat_a",
                "CASE WHEN label = 'Y' THEN 1.0 ELSE 0.0 END AS label",
                "CASE kind WHEN 'low' THEN 0.0 WHEN 'mid' THEN 1.0 ELSE 2.0 END AS kind",
                "target")
            .cache();
  }

  private static PipelineModel fit(PipelineStage estimator) {
    VectorAssembler features =
        new VectorAssembler()
            .setInputCols(new String[] {"x1", "x2", "cat_a"})
            .setOutputCol(ModelColumns.FEATURES);
    return new Pipeline().setStages(new PipelineStage[] {features, estimator}).fit(rows);
  }

  private static XGBoostClassifier xgbClassifier(String label) {
    XGBoostClassifier x = new XGBoostClassifier();
    x.set(x.getParam("numRound"), 20);
    x.set(x.getParam("numWorkers"), 1);
    x.set(x.getParam("verbosity"), 0);
    x.set(x.getParam("max_depth"), 3);
    x.set(x.getParam("labelCol"), label);
    return x;
  }

  /** Per row: the sum of contributions and bias, and the raw output it must equal. */
  private static List<double[]> sumsAndMargins(PipelineModel model, String margin, boolean linear) {
    Explainer e =
        Explainer.of(
            model,
            rows,
            List.of("x1", "x2", "cat_a"),
            linear ? Optional.of(Explainer.centre(model, rows)) : Optional.empty());
    assertThat(e.slots()).containsExactly("x1", "x2", "cat_a");
    return e
        .contributions(rows)
        .select(Explainer.CONTRIBUTIONS, margin, "prediction")
        .collectAsList()
        .stream()
        .map(
            r -> {
              List<Double> c = r.getList(0);
              double sum = c.stream().mapToDouble(Double::doubleValue).sum();
              double raw =
                  r.get(1) instanceof Vector v
                      ? v.apply(v.size() == 2 ? 1 : (int) r.getDouble(2))
                      : r.getDouble(1);
              assertThat(c).hasSize(4);
              return new double[] {sum, raw};
            })
        .toList();
  }

  @Test
  void xgboostContributionsSumToTheMarginOfBinaryMulticlassAndRegression() {
    for (double[] p : sumsAndMargins(fit(xgbClassifier("label")), "rawPrediction", false)) {
      assertThat(p[0]).isCloseTo(p[1], float32(p[1]));
    }
    for (double[] p : sumsAndMargins(fit(xgbClassifier("kind")), "rawPrediction", false)) {
      assertThat(p[0]).isCloseTo(p[1], float32(p[1]));
    }
    XGBoostRegressor r = new XGBoostRegressor();
    r.set(r.getParam("numRound"), 20);
    r.set(r.getParam("numWorkers"), 1);
    r.set(r.getParam("verbosity"), 0);
    r.set(r.getParam("labelCol"), "target");
    for (double[] p : sumsAndMargins(fit(r), "prediction", false)) {
      assertThat(p[0]).isCloseTo(p[1], float32(p[1]));
    }
  }

  /**
   * 1e-6, relative once the margin passes 1: XGBoost adds its contributions in float32, whose
   * rounding at a margin of 4 is already 5e-7 per addition.
   */
  private static org.assertj.core.data.Offset<Double> float32(double margin) {
    return within(1e-6 * Math.max(1.0, Math.abs(margin)));
  }

  @Test
  void linearContributionsAreCoefficientTimesCentredValueAndSumToTheMargin() {
    PipelineModel lr = fit(new LogisticRegression().setLabelCol("label"));
    for (double[] p : sumsAndMargins(lr, "rawPrediction", true)) {
      assertThat(p[0]).isCloseTo(p[1], within(1e-9));
    }
    PipelineModel multi =
        fit(new LogisticRegression().setLabelCol("kind").setFamily("multinomial"));
    for (double[] p : sumsAndMargins(multi, "rawPrediction", true)) {
      assertThat(p[0]).isCloseTo(p[1], within(1e-9));
    }
    PipelineModel linear = fit(new LinearRegression().setLabelCol("target"));
    for (double[] p : sumsAndMargins(linear, "prediction", true)) {
      assertThat(p[0]).isCloseTo(p[1], within(1e-9));
    }
  }

  @Test
  void reasonsAreTheStrongestSlotsStrongestFirst() {
    PipelineModel model = fit(xgbClassifier("label"));
    Explainer e = Explainer.of(model, rows, List.of(), Optional.empty());
    List<Row> reasons =
        e.contributions(rows)
            .select(
                e.reasons(2).as("r"), org.apache.spark.sql.functions.col(Explainer.CONTRIBUTIONS))
            .collectAsList();
    for (Row r : reasons) {
      List<Row> top = r.getList(0);
      List<Double> all = r.getList(1);
      assertThat(top).hasSize(2);
      double first = Math.abs(top.get(0).getDouble(1));
      assertThat(first).isGreaterThanOrEqualTo(Math.abs(top.get(1).getDouble(1)));
      double strongest =
          all.subList(0, 3).stream().mapToDouble(d -> Math.abs(d)).max().orElseThrow();
      assertThat(first).isEqualTo(strongest);
      assertThat(top.get(0).getString(0)).isIn("x1", "x2", "cat_a");
    }
  }

  @Test
  void otherModelsFailNamingThoseThatExplain() {
    PipelineModel forest = fit(new RandomForestClassifier().setLabelCol("label").setNumTrees(3));
    assertThat(Explainer.supports(forest)).isFalse();
    assertThatThrownBy(() -> Explainer.of(forest, rows, List.of(), Optional.empty()))
        .hasMessageContaining("RandomForestClassificationModel cannot explain")
        .hasMessageContaining("xgboost-classifier");
  }
}
