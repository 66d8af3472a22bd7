package io.lakeml.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lakeml.baseline.Distribution;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The drift measures on hand-computed cases; no Spark. */
class ColumnDriftTest {
  private static final DriftConfig LIMITS =
      new DriftConfig("champion", Optional.empty(), List.of(), 0.1, 0.25, 0.2, 0.05, 0.25, true);

  @Test
  void psiMatchesTheFormulaAndFloorsEmptyBins() {
    // (0.3-0.5)ln(0.3/0.5) + (0.7-0.5)ln(0.7/0.5)
    double expected = -0.2 * Math.log(0.6) + 0.2 * Math.log(1.4);
    assertThat(ColumnDrift.psi(List.of(0.5, 0.5), List.of(0.3, 0.7)))
        .isCloseTo(expected, within(1e-12));
    assertThat(ColumnDrift.psi(List.of(0.5, 0.5), List.of(0.5, 0.5))).isZero();
    // An empty bin counts as 1e-4, so the PSI is large but finite.
    double empty = ColumnDrift.psi(List.of(0.5, 0.5), List.of(1.0, 0.0));
    assertThat(empty).isFinite().isGreaterThan(2.0);
  }

  @Test
  void ksIsTheLargestGapOfTheCumulativeShares() {
    assertThat(ColumnDrift.ks(new long[] {10, 10, 10, 10}, new long[] {10, 10, 10, 10})).isZero();
    // Cumulative 0.25/0.5/0.75/1 against 0.5/1/1/1: the largest gap is 0.5.
    assertThat(ColumnDrift.ks(new long[] {10, 10, 10, 10}, new long[] {5, 5, 0, 0})).isEqualTo(0.5);
    assertThat(ColumnDrift.ks(new long[] {0, 0}, new long[] {1, 1})).isNull();
  }

  @Test
  void percentileBucketsGroupIntoBinsOfATenthOfTheBaseline() {
    long[] counts = new long[102];
    java.util.Arrays.fill(counts, 0, 101, 10);
    List<int[]> bins = ColumnDrift.numericBins(counts);
    assertThat(bins).hasSize(10);
    assertThat(bins.get(0)).containsExactly(0, 10);
    assertThat(bins.get(9)[1]).as("the above-the-maximum bucket joins the last bin").isEqualTo(101);
    // One value holding most rows (umbrella_limit is 80 % zeros) is a bin of its own.
    long[] skewed = {800, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 0};
    assertThat(ColumnDrift.numericBins(skewed).get(0)).containsExactly(0, 0);
  }

  @Test
  void bucketsCountTheEdgesBelowAValue() {
    double[] edges = {1, 2, 3};
    assertThat(Distribution.bucket(edges, 0.5)).isZero();
    assertThat(Distribution.bucket(edges, 1)).isZero();
    assertThat(Distribution.bucket(edges, 1.5)).isEqualTo(1);
    assertThat(Distribution.bucket(edges, 3)).isEqualTo(2);
    assertThat(Distribution.bucket(edges, 9)).isEqualTo(3);
  }

  @Test
  void aNewCategoryAboveItsLimitAlerts() {
    Map<String, Long> base = new LinkedHashMap<>();
    base.put("Ford", 500L);
    base.put("BMW", 500L);
    Distribution baseline = Distribution.categorical("auto_make", base, 0, 0);
    Map<String, Long> batch = new LinkedHashMap<>();
    batch.put("Ford", 45L);
    batch.put("BMW", 45L);
    batch.put("Rivian", 10L);
    ColumnDrift d =
        ColumnDrift.compare(
            baseline, Distribution.categorical("auto_make", batch, 0, 0), LIMITS, 0.25);

    assertThat(d.newCategoryRate()).isEqualTo(0.1);
    assertThat(d.status()).isEqualTo(DriftStatus.ALERT);
    assertThat(d.reasons()).contains("10.0% new categories >= 0.05");
    assertThat(d.bins()).containsExactly("Ford", "BMW", "(new)", "(null)");
  }

  @Test
  void aSameShapedBatchIsOkAndMoreNullsWarn() {
    Distribution baseline =
        Distribution.categorical("report", Map.of("YES", 350L, "NO", 350L), 0, 300);
    ColumnDrift same =
        ColumnDrift.compare(
            baseline,
            Distribution.categorical("report", Map.of("YES", 35L, "NO", 35L), 0, 30),
            LIMITS,
            0.25);
    assertThat(same.psi()).isCloseTo(0.0, within(1e-12));
    assertThat(same.status()).isEqualTo(DriftStatus.OK);

    ColumnDrift moreNulls =
        ColumnDrift.compare(
            baseline,
            Distribution.categorical("report", Map.of("YES", 25L, "NO", 25L), 0, 50),
            LIMITS,
            0.25);
    assertThat(moreNulls.batchNullRate()).isEqualTo(0.5);
    assertThat(moreNulls.status()).isEqualTo(DriftStatus.WARN);
  }

  @Test
  void aProfileSurvivesItsJson() {
    Distribution p =
        Distribution.numeric("age", new double[] {19, 40, 64}, new long[] {1, 5, 4, 0}, 2);
    Distribution back =
        Distribution.fromMap("age", io.lakeml.io.Json.readMap(io.lakeml.io.Json.write(p.toMap())));
    assertThat(back.edges()).containsExactly(19, 40, 64);
    assertThat(back.counts()).containsExactly(1, 5, 4, 0);
    assertThat(back.nulls()).isEqualTo(2);
    assertThat(back.rows()).isEqualTo(12);
  }
}
