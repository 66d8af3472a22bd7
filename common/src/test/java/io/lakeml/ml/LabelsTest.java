package io.lakeml.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelsTest {
  private static Map<String, Long> counts(Object... kv) {
    Map<String, Long> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], ((Number) kv[i + 1]).longValue());
    }
    return m;
  }

  @Test
  void negativeFirstPositiveSecond() {
    assertThat(Labels.classes(counts("Y", 10, "N", 90), "fraud", "Y")).containsExactly("N", "Y");
  }

  @Test
  void singleClassIsRefused() {
    assertThatThrownBy(() -> Labels.classes(counts("Y", 10), "fraud", "Y"))
        .isInstanceOf(DataQualityException.class)
        .hasMessage("label 'fraud' has a single class 'Y'; a classifier needs two");
  }

  @Test
  void nullLabelsAreRefused() {
    assertThatThrownBy(() -> Labels.classes(counts("Y", 10, "N", 5, null, 3), "fraud", "Y"))
        .hasMessage("label 'fraud' is null in 3 rows; every training row needs a label");
  }

  @Test
  void positiveValueMustOccur() {
    assertThatThrownBy(() -> Labels.classes(counts("yes", 10, "no", 5), "fraud", "Y"))
        .hasMessage("label 'fraud' never has the positive value 'Y'; values: [no, yes]");
  }

  @Test
  void moreThanTwoClassesIsNotBinary() {
    assertThatThrownBy(() -> Labels.classes(counts("Y", 1, "N", 1, "M", 1), "fraud", "Y"))
        .hasMessage("label 'fraud' has 3 classes [M, N, Y]; binary training takes two");
  }
}
