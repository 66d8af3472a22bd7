package io.lakeml.evaluate;

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
  void emptyDenominatorIsNaNNotZero() {
    ConfusionMatrix nothingFlagged = new ConfusionMatrix(0, 0, 5, 95);
    assertThat(nothingFlagged.precision()).isNaN();
    assertThat(nothingFlagged.recall()).isZero();
    assertThat(nothingFlagged.f1()).isNaN();
  }
}
