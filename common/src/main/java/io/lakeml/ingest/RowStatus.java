package io.lakeml.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;

/**
 * Gives each validated row one status, {@code accepted}, {@code quarantined} or {@code duplicate},
 * so that one aggregation counts all three and rows read = accepted + quarantined + duplicates by
 * construction of the column; the job then checks that the written outputs add up the same.
 *
 * <p>Duplicates are found in two steps, because most rows have none: a 64-bit hash of each accepted
 * row's deduplication key ({@link #hashKeys}), the hashes that occur more than once ({@link
 * #sharedKeys}, a shuffle of 8 bytes a row), and an exact ranking of only the rows whose hash is
 * shared ({@link #mark}). Ranking every row instead shuffles and sorts the whole input by every
 * column.
 */
public final class RowStatus {
  public static final String COLUMN = "_status";
  public static final String ACCEPTED = "accepted";
  public static final String QUARANTINED = "quarantined";
  public static final String DUPLICATE = "duplicate";

  static final String KEY_HASH = "_key_hash";
  private static final String SHARED = "_key_shared";

  private RowStatus() {}

  /**
   * The rows per status and the quarantine reasons per rule ({@code rule:column}, the part of a
   * reason before its second colon), counted in one pass over {@code marked}: each row contributes
   * one line per reason, or one line without a reason, and only a row's first line counts the row.
   */
  public record Tally(Map<String, Long> rowsPerStatus, Map<String, Long> reasonsPerRule) {
    public long rows(String status) {
      return rowsPerStatus.getOrDefault(status, 0L);
    }

    public long total() {
      return rowsPerStatus.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /** Counts {@code marked} (from {@link #mark}) per status and its quarantine reasons per rule. */
  public static Tally tally(Dataset<Row> marked) {
    Column reasons =
        functions.when(
            functions.col(COLUMN).equalTo(QUARANTINED), functions.col(RowValidator.REASONS));
    Dataset<Row> lines =
        marked.select(
            functions.col(COLUMN), functions.posexplode_outer(reasons).as(new String[] {"i", "r"}));
    Column firstLine = functions.col("i").isNull().or(functions.col("i").equalTo(0));
    Map<String, Long> perStatus = new HashMap<>();
    Map<String, Long> perRule = new TreeMap<>();
    for (Row r :
        lines
            .groupBy(
                functions.col(COLUMN),
                functions.substring_index(functions.col("r"), ":", 2).as("rule"))
            .agg(
                functions.count(functions.lit(1)),
                functions.sum(functions.when(firstLine, 1L).otherwise(0L)))
            .collectAsList()) {
      perStatus.merge(r.getString(0), r.getLong(3), Long::sum);
      if (!r.isNullAt(1)) {
        perRule.merge(r.getString(1), r.getLong(2), Long::sum);
      }
    }
    return new Tally(perStatus, perRule);
  }

  /** Adds the hash of the deduplication key to accepted rows (null on rejected rows). */
  public static Dataset<Row> hashKeys(Dataset<Row> validated, IngestConfig config) {
    List<Column> key = key(config);
    if (key.isEmpty()) {
      return validated.withColumn(KEY_HASH, functions.lit(null).cast("long"));
    }
    return validated.withColumn(
        KEY_HASH,
        functions.when(RowValidator.isAccepted(), functions.xxhash64(key.toArray(Column[]::new))));
  }

  /** The key hashes that more than one accepted row has: the only rows that can be duplicates. */
  public static Dataset<Row> sharedKeys(Dataset<Row> hashed) {
    return hashed
        .filter(functions.col(KEY_HASH).isNotNull())
        .groupBy(KEY_HASH)
        .count()
        .filter(functions.col("count").gt(1))
        .select(functions.col(KEY_HASH), functions.lit(true).as(SHARED));
  }

  /**
   * Marks every row of {@code hashed} (from {@link #hashKeys}) given its {@code shared} hashes
   * (from {@link #sharedKeys}); the result has the columns of the validated rows and {@value
   * #COLUMN}.
   */
  public static Dataset<Row> mark(Dataset<Row> hashed, Dataset<Row> shared, IngestConfig config) {
    Column acceptOrQuarantine =
        functions.when(RowValidator.isAccepted(), ACCEPTED).otherwise(QUARANTINED);
    List<Column> key = key(config);
    if (key.isEmpty()) {
      return hashed.withColumn(COLUMN, acceptOrQuarantine).drop(KEY_HASH);
    }
    Dataset<Row> joined =
        hashed
            .join(shared, hashed.col(KEY_HASH).equalTo(shared.col(KEY_HASH)), "left")
            .drop(shared.col(KEY_HASH));
    Dataset<Row> single =
        joined.filter(functions.col(SHARED).isNull()).withColumn(COLUMN, acceptOrQuarantine);

    // Exact: accepted rows equal in every declared column. By key: one row per key, the latest by
    // the configured column. The hash only narrows the candidates: equality decides. Candidates
    // are all accepted, as rejected rows have no hash.
    Deduplication dedup = config.deduplicate();
    List<Column> order = new ArrayList<>();
    dedup.keepLatestBy().ifPresent(c -> order.add(functions.col(c).desc_nulls_last()));
    // Exact duplicates are equal in every column kept, so which one survives does not matter;
    // by key, ties on the ordering column go to the first source file, so which copy survives
    // does not depend on partitioning.
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
    Dataset<Row> candidates =
        joined
            .filter(functions.col(SHARED).isNotNull())
            .withColumn(COLUMN, functions.when(rank.gt(1), DUPLICATE).otherwise(ACCEPTED));
    return single.unionByName(candidates).drop(KEY_HASH, SHARED);
  }

  private static List<Column> key(IngestConfig config) {
    Deduplication dedup = config.deduplicate();
    List<Column> key = new ArrayList<>();
    if (dedup.mode().equals("none")) {
      return key;
    }
    for (String c : dedup.mode().equals("key") ? dedup.key() : config.columnNames()) {
      key.add(functions.col(c));
    }
    return key;
  }
}
