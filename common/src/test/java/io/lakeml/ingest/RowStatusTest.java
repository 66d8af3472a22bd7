package io.lakeml.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakeml.testing.SparkTestSession;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class RowStatusTest {
  @Test
  void rowsAreCountedPerStatusAndReasonsPerRule() {
    StructType schema =
        new StructType()
            .add(RowStatus.COLUMN, DataTypes.StringType)
            .add(RowValidator.REASONS, DataTypes.createArrayType(DataTypes.StringType));
    Dataset<Row> marked =
        SparkTestSession.get()
            .createDataFrame(
                List.of(
                    RowFactory.create(RowStatus.ACCEPTED, List.of().toArray()),
                    RowFactory.create(RowStatus.ACCEPTED, List.of().toArray()),
                    RowFactory.create(RowStatus.DUPLICATE, List.of().toArray()),
                    // Two reasons: one row, two rule counts.
                    RowFactory.create(
                        RowStatus.QUARANTINED,
                        new String[] {"type:age: not an int: 'x'", "required:id: value missing"}),
                    RowFactory.create(
                        RowStatus.QUARANTINED, new String[] {"type:age: not an int: 'y'"})),
                schema);

    List<org.apache.spark.sql.Column> counts = RowStatus.counts();
    Row c =
        marked
            .agg(counts.get(0), counts.subList(1, 4).toArray(org.apache.spark.sql.Column[]::new))
            .first();
    assertThat(c.getLong(c.fieldIndex(RowStatus.READ))).isEqualTo(5);
    assertThat(c.getLong(c.fieldIndex(RowStatus.ACCEPTED))).isEqualTo(2);
    assertThat(c.getLong(c.fieldIndex(RowStatus.DUPLICATE))).isEqualTo(1);
    assertThat(c.getLong(c.fieldIndex(RowStatus.QUARANTINED))).isEqualTo(2);

    Map<String, org.apache.spark.sql.Column> perRule =
        RowStatus.reasonCounts(List.of("type:age", "required:id", "range:age"));
    Row r =
        marked
            .agg(perRule.get("type:age"), perRule.get("required:id"), perRule.get("range:age"))
            .first();
    assertThat(List.of(r.getLong(0), r.getLong(1), r.getLong(2))).containsExactly(2L, 1L, 0L);
  }

  @Test
  void aPairSetTellsNewPairsFromRepeatsAcrossGrowth() {
    ShuffledDay.HashPairSet set = new ShuffledDay.HashPairSet();
    for (long i = 0; i < 10_000; i++) {
      assertThat(set.add(i, -i)).isTrue();
    }
    for (long i = 0; i < 10_000; i++) {
      assertThat(set.add(i, -i)).isFalse();
      // Same first hash, another second one: a different key.
      assertThat(set.add(i, i + 1)).isTrue();
    }
  }

  @Test
  void rejectedRowsAreRoutedToTheirPartitionAsSparkHashesThem() {
    for (int partitions : new int[] {1, 2, 8, 200}) {
      long route = ShuffledDay.routeTo(0, partitions);
      Row p =
          SparkTestSession.get()
              .range(1)
              .select(
                  org.apache.spark.sql.functions.pmod(
                      org.apache.spark.sql.functions.hash(
                          org.apache.spark.sql.functions.lit(route)),
                      org.apache.spark.sql.functions.lit(partitions)))
              .first();
      assertThat(p.getInt(0)).as("%d partitions", partitions).isZero();
    }
  }

  @Test
  void rejectedRowsHaveTheLastPartitionToThemselves() {
    StructType payload =
        new StructType().add(RowValidator.REASONS, DataTypes.createArrayType(DataTypes.StringType));
    StructType schema =
        new StructType().add("id", DataTypes.LongType).add(RowValidator.REJECT, payload);
    List<Row> rows = new java.util.ArrayList<>();
    for (long i = 0; i < 200; i++) {
      Row reject = i % 10 == 0 ? RowFactory.create((Object) new String[] {"rule:x: broken"}) : null;
      rows.add(RowFactory.create(i, reject));
    }
    Dataset<Row> packed = SparkTestSession.get().createDataFrame(rows, schema).repartition(4);
    List<org.apache.spark.sql.Column> id = List.of(org.apache.spark.sql.functions.col("id"));

    ShuffledDay day = ShuffledDay.of(SparkTestSession.get(), packed, id, id, 3);

    List<Row> placed =
        day.all()
            .select(
                org.apache.spark.sql.functions.spark_partition_id(),
                org.apache.spark.sql.functions.size(
                    org.apache.spark.sql.functions.col(RowValidator.REASONS)))
            .collectAsList();
    assertThat(placed).hasSize(200);
    assertThat(placed).filteredOn(r -> r.getInt(1) > 0).hasSize(20).allMatch(r -> r.getInt(0) == 3);
    assertThat(placed)
        .filteredOn(r -> r.getInt(1) == 0)
        .hasSize(180)
        .allMatch(r -> r.getInt(0) < 3);
    assertThat(placed.stream().map(r -> r.getInt(0)).distinct()).hasSize(4);
    assertThat(day.rejected().count()).isEqualTo(20);
  }
}
