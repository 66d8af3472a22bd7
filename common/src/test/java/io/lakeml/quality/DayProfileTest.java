package io.lakeml.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakeml.lake.FileColumnStats;
import io.lakeml.quality.DayProfile.Bin;
import io.lakeml.quality.DayProfile.ColumnView;
import io.lakeml.quality.DayProfile.Kind;
import io.lakeml.quality.DayProfile.LabelSpec;
import io.lakeml.testing.SparkTestSession;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A day's profile over 200 rows: an id, an amount with missing values that decides the label, a
 * date, a state with 14 values (12 shown, 2 folded into "other"), a flag and the Y/N label.
 */
class DayProfileTest {
  static Dataset<Row> day;
  static final DayMeasures MEASURES =
      new DayMeasures(
          200,
          200,
          0,
          0,
          Map.of(),
          Map.of(),
          Map.of(
              "amount",
              new FileColumnStats("amount", 200, 20, 0, Optional.of(1.0), Optional.of(199.0))));
  static final LabelSpec FRAUD = new LabelSpec("label", true, Optional.of("Y"));

  @BeforeAll
  static void rows() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      Double amount = i % 10 == 0 ? null : (double) i;
      // Skewed states: S0 most frequent; S12 and S13 least, so they fold into "other".
      String state = "S" + Math.min(i % 20, 13);
      rows.add(
          RowFactory.create(
              i,
              amount,
              java.sql.Date.valueOf(LocalDate.of(2026, 1, 1).plusDays(i % 30)),
              state,
              i % 3 == 0,
              i >= 150 ? "Y" : "N",
              "2026-01-01"));
    }
    StructType schema =
        new StructType()
            .add("id", DataTypes.IntegerType)
            .add("amount", DataTypes.DoubleType)
            .add("day", DataTypes.DateType)
            .add("state", DataTypes.StringType)
            .add("flag", DataTypes.BooleanType)
            .add("label", DataTypes.StringType)
            .add("run_date", DataTypes.StringType);
    day = SparkTestSession.get().createDataFrame(rows, schema);
  }

  private static DayProfile profile(Optional<LabelSpec> label, long sampleRows) {
    return DayProfile.of(
        "claims",
        LocalDate.of(2026, 1, 1),
        day,
        List.of("run_date"),
        MEASURES,
        label,
        new ProfileConfig(true, sampleRows, 42));
  }

  private static ColumnView column(DayProfile p, String name) {
    return p.columns().stream().filter(c -> c.column().equals(name)).findFirst().orElseThrow();
  }

  private static long total(ColumnView c) {
    return c.bins().stream().mapToLong(Bin::count).sum();
  }

  @Test
  void everyColumnIsBinnedByItsKindAndRelatedToTheLabel() {
    DayProfile p = profile(Optional.of(FRAUD), 100_000);

    assertThat(p.sampled()).isEqualTo(200);
    assertThat(p.columns())
        .extracting(ColumnView::column)
        .containsExactly("id", "amount", "day", "state", "flag", "label");
    assertThat(p.columns())
        .extracting(ColumnView::kind)
        .containsExactly(
            Kind.NUMERIC,
            Kind.NUMERIC,
            Kind.DATE,
            Kind.CATEGORICAL,
            Kind.CATEGORICAL,
            Kind.CATEGORICAL);
    assertThat(p.classes()).containsExactly("Y", "N");

    ColumnView amount = column(p, "amount");
    assertThat(amount.nulls()).as("from the write's statistics").isEqualTo(20);
    assertThat(amount.bins()).hasSize(DayProfile.BINS);
    assertThat(total(amount)).as("every present value in one bin").isEqualTo(180);
    assertThat(amount.min()).isEqualTo(1.0);
    assertThat(amount.max()).isEqualTo(199.0);
    // The label is Y from 150 on: the top bins are all Y, the bottom ones all N.
    Bin top = amount.bins().get(DayProfile.BINS - 1);
    Bin bottom = amount.bins().get(0);
    assertThat(top.byClass()).containsOnlyKeys("Y");
    assertThat(bottom.byClass()).containsOnlyKeys("N");

    ColumnView day = column(p, "day");
    assertThat(total(day)).isEqualTo(200);
    assertThat(day.min()).isEqualTo((double) LocalDate.of(2026, 1, 1).toEpochDay());

    ColumnView state = column(p, "state");
    assertThat(state.bins()).hasSize(DayProfile.TOP_CATEGORIES + 1);
    assertThat(state.bins().get(0).name()).isEqualTo("S13");
    Bin other = state.bins().get(DayProfile.TOP_CATEGORIES);
    assertThat(other.name()).isEqualTo(DayProfile.OTHER);
    assertThat(other.members()).isEqualTo(2);
    assertThat(total(state)).isEqualTo(200);
    assertThat(column(p, "flag").bins()).extracting(Bin::name).containsExactly("false", "true");
  }

  @Test
  void aSampleBoundsTheRowsReadAndANumericLabelGivesMeans() {
    DayProfile p = profile(Optional.of(new LabelSpec("amount", false, Optional.empty())), 60);

    assertThat(p.sampled()).isBetween(20L, 120L);
    assertThat(p.rows()).isEqualTo(200);
    ColumnView id = column(p, "id");
    assertThat(total(id)).isEqualTo(p.sampled());
    assertThat(p.classes()).isEmpty();
    // The amount is the id (where present): the mean label rises bin by bin.
    List<Bin> bins = id.bins();
    double low = meanOf(bins.subList(0, DayProfile.BINS / 2));
    double high = meanOf(bins.subList(DayProfile.BINS / 2, DayProfile.BINS));
    assertThat(low).isBetween(0.0, 100.0);
    assertThat(high).isBetween(100.0, 200.0);
  }

  private static double meanOf(List<Bin> bins) {
    return bins.stream()
        .filter(b -> !Double.isNaN(b.labelMean()))
        .mapToDouble(Bin::labelMean)
        .average()
        .orElseThrow();
  }
}
