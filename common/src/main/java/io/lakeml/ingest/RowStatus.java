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
    Deduplication dedup = config.deduplicate();
    if (dedup.mode().equals("none")) {
      return validated.withColumn(
          COLUMN, functions.when(accepted, ACCEPTED).otherwise(QUARANTINED));
    }
    // Exact: accepted rows equal in every declared column. By key: one row per key, the latest by
    // the configured column. Ties go to the first source file, so which copy survives does not
    // depend on partitioning.
    List<Column> key = new ArrayList<>();
    key.add(accepted);
    for (String c : dedup.mode().equals("key") ? dedup.key() : config.columnNames()) {
      key.add(functions.col(c));
    }
    List<Column> order = new ArrayList<>();
    dedup.keepLatestBy().ifPresent(c -> order.add(functions.col(c).desc_nulls_last()));
    // Exact duplicates are equal in every column kept, so which one survives does not matter;
    // by key, ties on the ordering column go to the first source file.
    order.add(
        dedup.keepLatestBy().isPresent()
            ? functions.col(RawReader.SOURCE_FILE)
            : functions.col(config.columnNames().get(0)));
    Column rank =
        functions
            .row_number()
            .over(
                Window.partitionBy(key.toArray(Column[]::new))
                    .orderBy(order.toArray(Column[]::new)));
    return validated.withColumn(
        COLUMN,
        functions
            .when(functions.not(accepted), QUARANTINED)
            .when(rank.gt(1), DUPLICATE)
            .otherwise(ACCEPTED));
  }
}
