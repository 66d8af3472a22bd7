package io.lakeml.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakeml.ml.Metrics;

/** Two runs' metrics compared as a rerun should reproduce them. */
public final class SameMetrics {
  private SameMetrics() {}

  /**
   * Counts exactly; rates to 1e-12: Spark sums the ROC and PR areas in an order that follows task
   * completion, which moves their last bits from run to run, with or without faults.
   */
  public static void assertSame(Metrics actual, Metrics expected) {
    assertThat(actual)
        .usingRecursiveComparison()
        .withComparatorForType(
            (a, b) -> Math.abs(a - b) <= 1e-12 ? 0 : Double.compare(a, b), Double.class)
        .isEqualTo(expected);
  }
}
