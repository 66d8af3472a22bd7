package io.lakeml.ml;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.functions;

/**
 * Train / validation / test splits and cross-validation folds that are a function of each row's
 * key, the seed and (when stratified) the rows of its class only, so they are identical on every
 * re-run, for any partitioning and any input order. Spark's {@code randomSplit} is not: on a
 * non-deterministic input it can put a row in two splits or in none.
 *
 * <p>Unstratified, a row's split comes from a hash of (seed, key) alone, so rows with the same key
 * always land together and adding rows never moves the others. Stratified (Spark has no stratified
 * split on the JVM), the rows of each class are ordered by that hash and cut at the configured
 * fractions, so every split holds each class in the same proportion to within one row.
 */
public final class HashSplit {
  public static final String COLUMN = "_split";
  public static final String FOLD = "_fold";
  private static final long BUCKETS = 1_000_000L;
  // Folds and down-sampling draw from other streams than the split, so they are independent of it.
  static final long FOLD_STREAM = 0x5f01dL;

  /** The seed stream of down-sampling, independent of the split and the folds. */
  public static final long SAMPLE_STREAM = 0x5a3917L;

  private HashSplit() {}

  /** Adds {@value #COLUMN}: train, validation or test, by hash alone. */
  public static Dataset<Row> assign(Dataset<Row> rows, SplitConfig split) {
    return assign(rows, split, Optional.empty());
  }

  /**
   * Adds {@value #COLUMN}; with a stratum (the label, for classification) each class is cut at the
   * configured fractions.
   */
  public static Dataset<Row> assign(
      Dataset<Row> rows, SplitConfig split, Optional<String> stratum) {
    Column u = uniform(rows, split.key(), split.seed());
    Column position = stratum.map(s -> positionInStratum(rows, s, u)).orElse(u);
    return rows.withColumn(
        COLUMN,
        functions
            .when(position.lt(split.train()), Split.TRAIN.configName())
            .when(position.lt(split.train() + split.validation()), Split.VALIDATION.configName())
            .otherwise(Split.TEST.configName()));
  }

  /** The rows of one split, without the split column. */
  public static Dataset<Row> only(Dataset<Row> assigned, Split split) {
    return assigned.filter(functions.col(COLUMN).equalTo(split.configName())).drop(COLUMN);
  }

  /**
   * Adds {@value #FOLD} in [0, k): k cross-validation folds of the given rows, stratified when a
   * stratum is given (round-robin over each class in hash order, so fold sizes per class differ by
   * at most one row).
   */
  public static Dataset<Row> folds(
      Dataset<Row> rows, int k, SplitConfig split, Optional<String> stratum) {
    Column u = uniform(rows, split.key(), split.seed() ^ FOLD_STREAM);
    if (stratum.isEmpty()) {
      return rows.withColumn(FOLD, functions.floor(u.multiply(k)).cast("int"));
    }
    WindowSpec ordered =
        Window.partitionBy(functions.col(stratum.get()).cast("string")).orderBy(u, tieBreak(rows));
    return rows.withColumn(
        FOLD, functions.pmod(functions.row_number().over(ordered).minus(1), functions.lit(k)));
  }

  /** A number in [0, 1) per row, uniform over distinct keys, from xxhash64 of (seed, key). */
  public static Column uniform(Dataset<Row> rows, List<String> key, long seed) {
    List<Column> cols = new ArrayList<>();
    cols.add(functions.lit(seed));
    for (String c : key.isEmpty() ? List.of(rows.columns()) : key) {
      cols.add(functions.col(c));
    }
    Column hash = functions.xxhash64(cols.toArray(Column[]::new));
    return functions.pmod(hash, functions.lit(BUCKETS)).divide((double) BUCKETS);
  }

  /** The row's place in [0, 1) among the rows of its stratum, in hash order. */
  private static Column positionInStratum(Dataset<Row> rows, String stratum, Column u) {
    Column s = functions.col(stratum).cast("string");
    WindowSpec ordered = Window.partitionBy(s).orderBy(u, tieBreak(rows));
    Column n = functions.count(functions.lit(1)).over(Window.partitionBy(s));
    return functions.row_number().over(ordered).minus(1).divide(n);
  }

  /** Orders rows with equal key hashes (same key) by their whole content, so ties are stable. */
  private static Column tieBreak(Dataset<Row> rows) {
    return functions.xxhash64(
        java.util.Arrays.stream(rows.columns()).map(functions::col).toArray(Column[]::new));
  }
}
