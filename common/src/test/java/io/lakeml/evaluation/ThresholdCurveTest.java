package io.lakeml.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.typesafe.config.ConfigFactory;
import io.lakeml.config.Settings;
import io.lakeml.ml.ConfusionMatrix;
import io.lakeml.ml.DataQualityException;
import io.lakeml.model.ThresholdPolicy;
import io.lakeml.testing.SparkTestSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Each policy picks the threshold its business goal asks for, on a hand-checked curve. */
class ThresholdCurveTest {
  // Scores, high to low, with labels: 0.9+ 0.8+ 0.7- 0.6+ 0.5- 0.4+ 0.3- 0.2- 0.1-  (4 pos, 5 neg)
  private static final double[][] ROWS = {
    {1, 0.9}, {1, 0.8}, {0, 0.7}, {1, 0.6}, {0, 0.5}, {1, 0.4}, {0, 0.3}, {0, 0.2}, {0, 0.1}
  };

  private static ThresholdCurve curve() {
    List<Row> rows = new ArrayList<>();
    for (double[] r : ROWS) {
      rows.add(RowFactory.create(r[0], r[1]));
    }
    Dataset<Row> scored =
        SparkTestSession.get()
            .createDataFrame(
                rows,
                new StructType()
                    .add("label", DataTypes.DoubleType)
                    .add(BinaryEvaluation.SCORE, DataTypes.DoubleType));
    return ThresholdCurve.of(scored);
  }

  private static ThresholdPolicy policy(String hocon) {
    return ThresholdPolicy.from(
        Settings.root(ConfigFactory.parseString("evaluate { " + hocon + " }")).section("evaluate"));
  }

  @Test
  void theCurveHasOnePointPerScorePlusOneThatFlagsNothing() {
    ThresholdCurve c = curve();
    assertThat(c.points()).hasSize(10);
    assertThat(c.positives()).isEqualTo(4);
    assertThat(c.negatives()).isEqualTo(5);
    assertThat(c.points().get(0).counts()).isEqualTo(new ConfusionMatrix(0, 0, 4, 5));
    assertThat(c.at(0.6)).isEqualTo(new ConfusionMatrix(3, 1, 1, 4));
    assertThat(c.at(0.55)).isEqualTo(new ConfusionMatrix(3, 1, 1, 4));
    assertThat(c.at(0.0)).isEqualTo(new ConfusionMatrix(4, 5, 0, 0));
    Map<String, Object> row = c.table(2.0, 1, 10).get(4).toMap();
    assertThat(row)
        .containsEntry("threshold", 0.6)
        .containsEntry("tp", 3L)
        .containsEntry("cost", 11.0);
    assertThat((Double) row.get("lift")).isCloseTo(0.75 / (4 / 9.0), within(1e-12));
  }

  @Test
  void catchAllFraudTakesTheHighestThresholdThatReachesTheRecall() {
    // Recall 1.0 first at 0.4 (tp 4, fp 2); lower thresholds only add false alarms.
    assertThat(
            curve().choose(policy("threshold { policy = min-recall, value = 1.0 }"), 2).threshold())
        .isEqualTo(0.4);
    assertThat(
            curve().choose(policy("threshold { policy = min-recall, value = 0.7 }"), 2).threshold())
        .isEqualTo(0.6);
  }

  @Test
  void neverFlagTheInnocentTakesTheLowestThresholdThatKeepsSpecificity() {
    // Specificity 1.0 holds down to 0.8 (the first negative scores 0.7).
    ThresholdCurve.Choice c =
        curve().choose(policy("threshold { policy = min-specificity, value = 1.0 }"), 2);
    assertThat(c.threshold()).isEqualTo(0.8);
    assertThat(c.reason()).contains("recall 0.500").contains("fp 0");
    assertThat(
            curve()
                .choose(policy("threshold { policy = min-precision, value = 0.75 }"), 2)
                .threshold())
        .isEqualTo(0.6);
  }

  @Test
  void maxF1AndMinCost() {
    // F1 by threshold: 0.8 → 0.667, 0.6 → 0.75, 0.4 → 0.8 (tp 4, fp 2): the best.
    assertThat(curve().choose(policy("threshold { policy = max-f1 }"), 2).threshold())
        .isEqualTo(0.4);
    // A miss costs 10, a false alarm 1: flagging down to 0.4 costs 2; anything higher costs more.
    assertThat(
            curve()
                .choose(policy("threshold { policy = min-cost, fp-cost = 1, fn-cost = 10 }"), 2)
                .threshold())
        .isEqualTo(0.4);
    // False alarms cost 10, misses 1: flag nothing above the first negative: 0.8 (cost 2).
    assertThat(
            curve()
                .choose(policy("threshold { policy = min-cost, fp-cost = 10, fn-cost = 1 }"), 2)
                .threshold())
        .isEqualTo(0.8);
    assertThat(curve().choose(policy("threshold = 0.35"), 2).threshold()).isEqualTo(0.35);
  }

  @Test
  void anUnreachableTargetIsAClearError() {
    ThresholdCurve withNegativeOnTop = curve();
    assertThatThrownBy(
            () ->
                skipTop(withNegativeOnTop)
                    .choose(policy("threshold { policy = min-precision, value = 1.0 }"), 2))
        .isInstanceOf(DataQualityException.class)
        .hasMessageContaining("no threshold reaches precision >= 1.0");
    assertThatThrownBy(() -> policy("threshold { policy = min-recall }"))
        .hasMessageContaining("evaluate.threshold.value");
    assertThatThrownBy(() -> policy("threshold { policy = best }"))
        .hasMessageContaining("evaluate.threshold.policy")
        .hasMessageContaining("min-cost");
  }

  /** A curve whose top-scored row is negative: no threshold has precision 1. */
  private static ThresholdCurve skipTop(ThresholdCurve ignored) {
    List<Row> rows = new ArrayList<>();
    rows.add(RowFactory.create(0.0, 0.95));
    for (double[] r : ROWS) {
      rows.add(RowFactory.create(r[0], r[1]));
    }
    return ThresholdCurve.of(
        SparkTestSession.get()
            .createDataFrame(
                rows,
                new StructType()
                    .add("label", DataTypes.DoubleType)
                    .add(BinaryEvaluation.SCORE, DataTypes.DoubleType)));
  }
}
