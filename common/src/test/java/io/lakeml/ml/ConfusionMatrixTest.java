package io.lakeml.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {
  /** The course's worked example. */
  @Test
  void reproducesTheWorkedExample() {
    ConfusionMatrix cm = new ConfusionMatrix(235, 45, 37, 210);

    assertThat(cm.total()).isEqualTo(527);
    assertThat(cm.recall()).as("sensitivity").isCloseTo(0.864, within(0.0005));
    assertThat(cm.specificity()).isCloseTo(0.824, within(0.0005));
    assertThat(cm.accuracy()).isCloseTo(0.844, within(0.0005));
    assertThat(cm.precision()).isCloseTo(0.839, within(0.0005));
    assertThat(cm.f1()).isCloseTo(2 * 235.0 / (2 * 235 + 45 + 37), within(1e-12));
  }

  @Test
  void fBetaWeighsRecallAndCostCountsErrors() {
    ConfusionMatrix cm = new ConfusionMatrix(235, 45, 37, 210);
    double p = 235.0 / 280;
    double r = 235.0 / 272;
    assertThat(cm.fBeta(2.0)).isCloseTo(5 * p * r / (4 * p + r), within(1e-12));
    assertThat(cm.fBeta(1.0)).isEqualTo(cm.f1());
    assertThat(cm.falsePositiveRate()).isCloseTo(45.0 / 255, within(1e-12));
    assertThat(cm.cost(1, 10)).isEqualTo(45 + 370.0);
  }

  @Test
  void emptyDenominatorIsNaNNotZero() {
    ConfusionMatrix nothingFlagged = new ConfusionMatrix(0, 0, 5, 95);
    assertThat(nothingFlagged.precision()).isNaN();
    assertThat(nothingFlagged.recall()).isZero();
    assertThat(nothingFlagged.f1()).isNaN();
  }
}
