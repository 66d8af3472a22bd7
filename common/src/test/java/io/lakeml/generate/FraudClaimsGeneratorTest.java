package io.lakeml.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lakeml.testing.SparkTestSession;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;

class FraudClaimsGeneratorTest {
  private static Dataset<Row> gen(long rows, long seed, double dirty, int partitions) {
    return FraudClaimsGenerator.generate(SparkTestSession.get(), rows, seed, dirty, partitions);
  }

  @Test
  void sameSeedSameRowsWhateverThePartitioning() {
    List<Row> one = gen(500, 7, 0.1, 1).orderBy("policy_number").collectAsList();
    List<Row> four = gen(500, 7, 0.1, 4).orderBy("policy_number").collectAsList();
    assertThat(four).isEqualTo(one);
  }

  @Test
  void anotherSeedOtherRows() {
    assertThat(gen(200, 1, 0, 2).except(gen(200, 2, 0, 2)).count()).isGreaterThan(150);
  }

  @Test
  void realisticFraudRateAndAPlantedSignal() {
    Dataset<Row> rows = gen(20_000, 42, 0, 2);
    double rate = rows.filter("fraud_reported = 'Y'").count() / 20_000.0;
    assertThat(rate).isBetween(0.10, 0.25);

    Map<String, Double> rateByReport = new HashMap<>();
    for (Row r :
        rows.groupBy("police_report_available")
            .agg(
                functions.avg(
                    functions.when(functions.col("fraud_reported").equalTo("Y"), 1).otherwise(0)))
            .collectAsList()) {
      rateByReport.put(r.getString(0), r.getDouble(1));
    }
    assertThat(rateByReport).containsKeys("YES", "NO", "?");
    assertThat(rateByReport.get("NO")).isGreaterThan(rateByReport.get("YES") * 2);
  }

  @Test
  void dirtIsPlantedAtTheRequestedRateAndCounted() {
    Dataset<Row> rows = gen(20_000, 3, 0.2, 2);
    Map<String, Long> kinds = new HashMap<>();
    for (Row r : rows.groupBy(FraudClaimsGenerator.DIRT_COLUMN).count().collectAsList()) {
      kinds.put(r.getString(0), r.getLong(1));
    }
    long dirty = 20_000 - kinds.get("clean");
    // Duplicates only copy clean rows, so slightly fewer than the planned share are dirty.
    assertThat(dirty / 20_000.0).isCloseTo(0.19, within(0.015));
    assertThat(kinds).containsKeys("bad_type", "missing_required", "out_of_range", "duplicate");

    assertThat(
            rows.filter("_dirt = 'missing_required'").filter("policy_number is not null").count())
        .isZero();
    assertThat(
            rows.filter("_dirt = 'bad_type'")
                .filter(functions.col("age").rlike("^[0-9]+$"))
                .count())
        .isZero();
  }

  @Test
  void aDuplicateIsAnExactCopyOfTheRowBefore() {
    long seed = 11;
    double dirty = 0.3;
    long checked = 0;
    for (long row = 1; row < 400; row++) {
      if (FraudClaimsGenerator.dirt(seed, row, dirty) == FraudClaimsGenerator.Dirt.DUPLICATE) {
        assertThat(FraudClaimsGenerator.fields(seed, row, FraudClaimsGenerator.Dirt.DUPLICATE))
            .containsExactly(
                FraudClaimsGenerator.fields(seed, row - 1, FraudClaimsGenerator.Dirt.CLEAN));
        checked++;
      }
    }
    assertThat(checked).isPositive();
  }

  @Test
  void aShiftChangesOnlyWhatItNames() {
    Shift shift = new Shift(1.5, 0.5, 0.08);
    int n = 5000;
    int unknownBefore = 0;
    int unknownAfter = 0;
    int newMakes = 0;
    List<String> cols = FraudClaimsGenerator.COLUMNS;
    for (long row = 0; row < n; row++) {
      String[] plain = FraudClaimsGenerator.fields(7, row, FraudClaimsGenerator.Dirt.CLEAN);
      String[] shifted =
          FraudClaimsGenerator.fields(7, row, FraudClaimsGenerator.Dirt.CLEAN, shift);
      for (String same : List.of("age", "policy_state", "policy_csl", "auto_year")) {
        assertThat(shifted[cols.indexOf(same)]).isEqualTo(plain[cols.indexOf(same)]);
      }
      double ratio =
          Double.parseDouble(shifted[cols.indexOf("vehicle_claim")])
              / Double.parseDouble(plain[cols.indexOf("vehicle_claim")]);
      assertThat(ratio).isCloseTo(1.5, within(0.01));
      unknownBefore += "?".equals(plain[cols.indexOf("police_report_available")]) ? 1 : 0;
      unknownAfter += "?".equals(shifted[cols.indexOf("police_report_available")]) ? 1 : 0;
      newMakes += Shift.NEW_MAKE.equals(shifted[cols.indexOf("auto_make")]) ? 1 : 0;
    }
    assertThat(unknownBefore / (double) n).isCloseTo(0.30, within(0.02));
    assertThat(unknownAfter / (double) n).isCloseTo(0.50, within(0.02));
    assertThat(newMakes / (double) n).isCloseTo(0.08, within(0.01));
  }

  @Test
  void dailyRowsOfTwoDatesNeverShareAPolicy() {
    GenerateConfig daily =
        new GenerateConfig(
            1000,
            7,
            "csv",
            0.0,
            1,
            java.util.Optional.empty(),
            false,
            true,
            java.util.Optional.empty());
    java.time.LocalDate day = java.time.LocalDate.of(2026, 11, 2);
    long first = daily.firstRow(day);
    assertThat(daily.firstRow(day.plusDays(1)) - first).isEqualTo(GenerateConfig.ROWS_PER_DAY);
    Dataset<Row> a =
        FraudClaimsGenerator.generate(SparkTestSession.get(), first, 200, 7, 0.0, 1, Shift.NONE);
    Dataset<Row> b =
        FraudClaimsGenerator.generate(
            SparkTestSession.get(), daily.firstRow(day.plusDays(1)), 200, 7, 0.0, 1, Shift.NONE);
    assertThat(a.select("policy_number").intersect(b.select("policy_number")).count()).isZero();
    assertThat(a.select("age").exceptAll(b.select("age")).count()).as("other claims").isPositive();
  }
}
