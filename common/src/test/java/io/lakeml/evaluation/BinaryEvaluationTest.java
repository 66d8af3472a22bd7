package io.lakeml.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lakeml.testing.SparkTestSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class BinaryEvaluationTest {
  private static org.apache.spark.sql.Dataset<Row> scored(double[][] labelAndScore) {
    List<Row> rows = new ArrayList<>();
    for (double[] r : labelAndScore) {
      rows.add(RowFactory.create(r[0], Vectors.dense(1 - r[1], r[1])));
    }
    StructType schema =
        new StructType()
            .add("label", DataTypes.DoubleType)
            .add("probability", SQLDataTypes.VectorType());
    return SparkTestSession.get().createDataFrame(rows, schema);
  }

  @Test
  void confusionMatrixAndAucOnAHandCheckedFixture() {
    // Positives score 0.9, 0.6, 0.3; negatives 0.7, 0.2, 0.1.
    // Pairs (pos, neg) ranked right: 0.9>all 3, 0.6>0.2,0.1 (2), 0.3>0.2,0.1 (2) = 7 of 9.
    double[][] data = {{1, 0.9}, {1, 0.6}, {1, 0.3}, {0, 0.7}, {0, 0.2}, {0, 0.1}};

    Map<String, Object> m = BinaryEvaluation.metrics(scored(data), 0.5, 2.0).toMap();

    assertThat(m.get("confusion_matrix")).isEqualTo(Map.of("tp", 2L, "fp", 1L, "fn", 1L, "tn", 2L));
    assertThat((Double) m.get("accuracy")).isCloseTo(4 / 6.0, within(1e-12));
    assertThat((Double) m.get("precision")).isCloseTo(2 / 3.0, within(1e-12));
    assertThat((Double) m.get("recall")).isCloseTo(2 / 3.0, within(1e-12));
    assertThat((Double) m.get("roc_auc")).isCloseTo(7 / 9.0, within(1e-12));
  }

  @Test
  void logLossBrierAndFBetaMatchHandComputedValues() {
    double[][] data = {{1, 0.9}, {1, 0.6}, {1, 0.3}, {0, 0.7}, {0, 0.2}, {0, 0.1}};
    Map<String, Object> m = BinaryEvaluation.metrics(scored(data), 0.5, 2.0).toMap();
    double logLoss =
        -(Math.log(0.9)
                + Math.log(0.6)
                + Math.log(0.3)
                + Math.log(0.3)
                + Math.log(0.8)
                + Math.log(0.9))
            / 6;
    double brier = (0.01 + 0.16 + 0.49 + 0.49 + 0.04 + 0.01) / 6;
    assertThat((Double) m.get("log_loss")).isCloseTo(logLoss, within(1e-12));
    assertThat((Double) m.get("brier")).isCloseTo(brier, within(1e-12));
    // precision = recall = 2/3, so every F-beta is 2/3.
    assertThat((Double) m.get("f_beta")).isCloseTo(2 / 3.0, within(1e-12));
  }

  @Test
  void thresholdMovesTheDecisionNotTheAuc() {
    double[][] data = {{1, 0.9}, {1, 0.6}, {1, 0.3}, {0, 0.7}, {0, 0.2}, {0, 0.1}};
    Map<String, Object> low = BinaryEvaluation.metrics(scored(data), 0.25, 2.0).toMap();
    assertThat(low.get("confusion_matrix"))
        .isEqualTo(Map.of("tp", 3L, "fp", 1L, "fn", 0L, "tn", 2L));
    assertThat((Double) low.get("roc_auc")).isCloseTo(7 / 9.0, within(1e-12));
  }
}
