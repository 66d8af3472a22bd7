package io.lakeml.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;

/**
 * Gives each row of a day one status, {@code accepted}, {@code quarantined} or {@code duplicate},
 * so that one observation of the curated write counts all three and rows read = accepted +
 * quarantined + duplicates by construction of the column; the step then checks the staged tables
 * hold the same numbers.
 *
 * <p>Duplicates are found within the partitions of the {@link ShuffledDay}, which holds every copy
 * of a key in one partition. Exact duplicates (rows equal in every declared column, the default)
 * are marked while the rows stream through ({@link ShuffledDay#exactDuplicatesMarked}). Duplicates
 * by key are ranked: the hashes that more than one row has, then an exact ranking of only the rows
 * whose hash is shared, so the day is never sorted as a whole.
 */
public final class RowStatus {
  public static final String COLUMN = "_status";
  public static final String ACCEPTED = "accepted";
  public static final String QUARANTINED = "quarantined";
  public static final String DUPLICATE = "duplicate";

  /** Names under which the observation of the day's rows counts them. */
  static final String READ = "rows_read";

  private static final String SHARED = "_key_shared";

  private RowStatus() {}

  /** Every row of the day with its status, in the columns of the validated rows. */
  static Dataset<Row> mark(ShuffledDay day, IngestConfig config) {
    Column acceptOrQuarantine =
        functions.when(RowValidator.isAccepted(), ACCEPTED).otherwise(QUARANTINED);
    Dataset<Row> marked =
        switch (config.deduplicate().mode()) {
          case "none" -> day.all().withColumn(COLUMN, acceptOrQuarantine);
          case "exact" ->
              day.exactDuplicatesMarked()
                  .withColumn(
                      COLUMN,
                      functions
                          .when(functions.col(ShuffledDay.DUPLICATE), DUPLICATE)
                          .otherwise(acceptOrQuarantine));
          default -> rankByKey(day.all(), config, acceptOrQuarantine);
        };
    return marked.drop(ShuffledDay.KEY_HASH, ShuffledDay.KEY_HASH_2, ShuffledDay.DUPLICATE);
  }

  /**
   * One row per key: the latest by {@code keep-latest-by}, ties to the first source file; without
   * it, the least first declared column. Only rows whose key hash another row shares are ranked.
   */
  private static Dataset<Row> rankByKey(
      Dataset<Row> rows, IngestConfig config, Column acceptOrQuarantine) {
    Dataset<Row> shared =
        rows.filter(functions.col(ShuffledDay.KEY_HASH).isNotNull())
            .groupBy(ShuffledDay.KEY_HASH)
            .count()
            .filter(functions.col("count").gt(1))
            .select(functions.col(ShuffledDay.KEY_HASH).as("_h"), functions.lit(true).as(SHARED));
    Dataset<Row> joined =
        rows.join(shared, rows.col(ShuffledDay.KEY_HASH).equalTo(shared.col("_h")), "left")
            .drop("_h");
    Dataset<Row> single =
        joined.filter(functions.col(SHARED).isNull()).withColumn(COLUMN, acceptOrQuarantine);
    Deduplication dedup = config.deduplicate();
    List<Column> order = new ArrayList<>();
    dedup.keepLatestBy().ifPresent(c -> order.add(functions.col(c).desc_nulls_last()));
    // Ties on the ordering column go to the first source file, so which copy survives does not
    // depend on partitioning.
    order.add(
        dedup.keepLatestBy().isPresent()
            ? functions.col(RawReader.SOURCE_FILE)
            : functions.col(config.columnNames().get(0)));
    Column rank =
        functions
            .row_number()
            .over(
                Window.partitionBy(key(config).toArray(Column[]::new))
                    .orderBy(order.toArray(Column[]::new)));
    Dataset<Row> candidates =
        joined
            .filter(functions.col(SHARED).isNotNull())
            .withColumn(COLUMN, functions.when(rank.gt(1), DUPLICATE).otherwise(ACCEPTED));
    return single.unionByName(candidates).drop(SHARED);
  }

  /** The aggregates that count marked rows: read, and per status. */
  static List<Column> counts() {
    List<Column> out = new ArrayList<>();
    out.add(functions.count(functions.lit(1)).as(READ));
    for (String status : List.of(ACCEPTED, QUARANTINED, DUPLICATE)) {
      out.add(
          functions
              .sum(functions.when(functions.col(COLUMN).equalTo(status), 1L).otherwise(0L))
              .as(status));
    }
    return out;
  }

  /**
   * The aggregates that count quarantine reasons per rule over rejected rows: for each rule the
   * configuration can break ({@code type:age}, {@code rule:claim_sum}, ...), the reasons whose part
   * before their second colon names it.
   */
  static Map<String, Column> reasonCounts(List<String> rules) {
    Map<String, Column> out = new LinkedHashMap<>();
    for (String rule : rules) {
      Column matching =
          functions.filter(
              functions.col(RowValidator.REASONS),
              (scala.Function1<Column, Column>)
                  r -> functions.substring_index(r, ":", 2).equalTo(rule));
      out.put(rule, functions.sum(functions.size(matching)));
    }
    return out;
  }

  /** The deduplication key: the key columns, every declared column, or none. */
  static List<Column> key(IngestConfig config) {
    Deduplication dedup = config.deduplicate();
    List<Column> key = new ArrayList<>();
    if (dedup.mode().equals("none")) {
      return key;
    }
    for (String c : dedup.mode().equals("key") ? dedup.key() : config.columnNames()) {
      key.add(functions.col(io.lakeml.sql.Identifiers.quote(c)));
    }
    return key;
  }
}
