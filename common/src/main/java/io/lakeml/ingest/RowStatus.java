package io.lakeml.ingest;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;

/**
 * Gives each validated row one status, {@code accepted}, {@code quarantined} or {@code duplicate},
 * so that one aggregation counts all three and rows read = accepted + quarantined + duplicates by
 * construction of the column; the job then checks that the written outputs add up the same.
 */
public final class RowStatus {
  public static final String COLUMN = "_status";
  public static final String ACCEPTED = "accepted";
  public static final String QUARANTINED = "quarantined";
  public static final String DUPLICATE = "duplicate";

  private RowStatus() {}

  public static Dataset<Row> mark(Dataset<Row> validated, IngestConfig config) {
    Column accepted = RowValidator.isAccepted();
    if (config.deduplicate().equals("none")) {
      return validated.withColumn(
          COLUMN, functions.when(accepted, ACCEPTED).otherwise(QUARANTINED));
    }
    // Exact duplicates: accepted rows equal in every declared column. The first by source file
    // is kept, so which copy survives does not depend on partitioning.
    List<Column> key = new ArrayList<>();
    key.add(accepted);
    for (String c : config.columnNames()) {
      key.add(functions.col(RowValidator.TYPED + c));
    }
    Column rank =
        functions
            .row_number()
            .over(
                Window.partitionBy(key.toArray(Column[]::new))
                    .orderBy(functions.col(RawReader.SOURCE_FILE)));
    return validated.withColumn(
        COLUMN,
        functions
            .when(functions.not(accepted), QUARANTINED)
            .when(rank.gt(1), DUPLICATE)
            .otherwise(ACCEPTED));
  }
}
