package io.lakeml.train;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * A train / validation / test split that is a function of each row's key and the seed only, so it
 * is identical on every re-run, for any partitioning and any input order. Spark's {@code
 * randomSplit} is not: on a non-deterministic input it can put a row in two splits or in none. Rows
 * with the same key always land in the same split, which keeps exact duplicates from leaking
 * between training and test.
 */
public final class HashSplit {
  public static final String COLUMN = "_split";
  public static final String TRAIN = "train";
  public static final String VALIDATION = "validation";
  public static final String TEST = "test";
  private static final long BUCKETS = 1_000_000L;

  private HashSplit() {}

  /** Adds {@value #COLUMN}: train, validation or test. */
  public static Dataset<Row> assign(Dataset<Row> rows, SplitConfig split) {
    Column u = uniform(rows, split.key(), split.seed());
    return rows.withColumn(
        COLUMN,
        functions
            .when(u.lt(split.train()), TRAIN)
            .when(u.lt(split.train() + split.validation()), VALIDATION)
            .otherwise(TEST));
  }

  public static Dataset<Row> only(Dataset<Row> assigned, String split) {
    return assigned.filter(functions.col(COLUMN).equalTo(split)).drop(COLUMN);
  }

  /** A number in [0, 1) per row, uniform over distinct keys, from xxhash64 of (seed, key). */
  static Column uniform(Dataset<Row> rows, List<String> key, long seed) {
    List<Column> cols = new ArrayList<>();
    cols.add(functions.lit(seed));
    for (String c : key.isEmpty() ? List.of(rows.columns()) : key) {
      cols.add(functions.col(c));
    }
    Column hash = functions.xxhash64(cols.toArray(Column[]::new));
    return functions.pmod(hash, functions.lit(BUCKETS)).divide((double) BUCKETS);
  }
}
