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
  void tallyCountsEachRowOnceAndEachReasonPerRule() {
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

    RowStatus.Tally tally = RowStatus.tally(marked);

    assertThat(tally.rowsPerStatus())
        .isEqualTo(
            Map.of(RowStatus.ACCEPTED, 2L, RowStatus.DUPLICATE, 1L, RowStatus.QUARANTINED, 2L));
    assertThat(tally.total()).isEqualTo(5);
    assertThat(tally.reasonsPerRule()).isEqualTo(Map.of("type:age", 2L, "required:id", 1L));
  }
}
