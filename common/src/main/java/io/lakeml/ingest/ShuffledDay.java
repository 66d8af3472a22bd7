package io.lakeml.ingest;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.rdd.PartitionPruningRDD;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.hash.Murmur3_x86_32;

/**
 * A day's validated rows read once from the raw files and held in Spark's shuffle files, so that
 * every later pass (the curated write, the quarantine write, outlier statistics) reads the shuffle
 * instead of parsing the raw input again, and no pass caches every row in memory.
 *
 * <p>The shuffle places rows so that the passes stay cheap: accepted rows by the 64-bit hash of
 * their deduplication key, so every copy of a key shares a partition and duplicates are found
 * within it; rejected rows all in one extra partition of their own, so the quarantine write reads
 * only them.
 *
 * <p>Spark cannot share a shuffle between two queries (each plans its own), so the shuffle is
 * materialized once, as an RDD of Spark's internal rows, and each pass is a query over that RDD:
 * the pattern of {@code Dataset.checkpoint}, without writing the rows anywhere else.
 */
final class ShuffledDay {
  /** The deduplication key's hash, and a second, independent one (null on rejected rows). */
  static final String KEY_HASH = "_key_hash";

  static final String KEY_HASH_2 = "_key_hash2";

  /** Set on the second and later copies of a row in exact deduplication. */
  static final String DUPLICATE = "_duplicate";

  private static final String ACCEPTED = "_accepted";
  private static final String ROUTE = "_route";

  private final SparkSession spark;
  private final RDD<InternalRow> rows;
  private final StructType schema;
  private final int rejectPartition;

  private ShuffledDay(
      SparkSession spark, RDD<InternalRow> rows, StructType schema, int rejectPartition) {
    this.spark = spark;
    this.rows = rows;
    this.schema = schema;
    this.rejectPartition = rejectPartition;
  }

  /**
   * Reads and shuffles {@code validated} (packed: {@link RowValidator#packRejects}) into {@code
   * partitions} partitions: the one pass over the raw input. Rows keep their columns and gain the
   * hash and duplicate columns.
   *
   * @param key the deduplication key (empty: no deduplication)
   * @param spread the columns whose hash spreads accepted rows when there is no key
   */
  static ShuffledDay of(
      SparkSession spark,
      Dataset<Row> validated,
      List<Column> key,
      List<Column> spread,
      int partitions) {
    // Accepted rows spread over the first partitions; rejected rows get the last one to
    // themselves, so the quarantine write reads only them.
    int rejectPartition = partitions;
    int total = partitions + 1;
    Column accepted = RowValidator.isAcceptedPacked();
    Column noHash = functions.lit(null).cast("long");
    Column spreadBy = key.isEmpty() ? hash(spread, List.of()) : functions.col(KEY_HASH);
    Column[] routes = new Column[partitions];
    for (int p = 0; p < partitions; p++) {
      routes[p] = functions.lit(routeTo(p, total));
    }
    Column route =
        functions.element_at(
            functions.array(routes),
            functions.pmod(spreadBy, functions.lit((long) partitions)).plus(1).cast("int"));
    Dataset<Row> routed =
        validated
            .withColumn(ACCEPTED, accepted)
            .withColumn(
                KEY_HASH, functions.when(accepted, key.isEmpty() ? noHash : hash(key, List.of())))
            .withColumn(
                KEY_HASH_2,
                functions.when(
                    accepted, key.isEmpty() ? noHash : hash(key, List.of(functions.lit("lakeml")))))
            .withColumn(DUPLICATE, functions.lit(false))
            .withColumn(
                ROUTE,
                functions
                    .when(accepted, route)
                    .otherwise(functions.lit(routeTo(rejectPartition, total))));
    // A repartition by an explicit number: adaptive execution keeps its partitions as they are,
    // so partition i of the RDD is the shuffle's partition i.
    Dataset<Row> shuffled = routed.repartition(total, functions.col(ROUTE)).drop(ROUTE);
    RDD<InternalRow> rdd = shuffled.queryExecution().toRdd();
    return new ShuffledDay(spark, rdd, shuffled.schema(), rejectPartition);
  }

  private static Column hash(List<Column> key, List<Column> salt) {
    List<Column> in = new ArrayList<>(salt);
    in.addAll(key);
    return functions.xxhash64(in.toArray(Column[]::new));
  }

  /**
   * A value whose Spark hash partitioning sends a row to {@code partition} of {@code partitions}:
   * Spark places a row at {@code pmod(murmur3(value, seed 42), partitions)}.
   */
  static long routeTo(int partition, int partitions) {
    long v = 0;
    while (Math.floorMod(Murmur3_x86_32.hashLong(v, 42), partitions) != partition) {
      v++;
    }
    return v;
  }

  /** Every row of the day, with its columns and {@value #KEY_HASH}, {@value #DUPLICATE}. */
  Dataset<Row> all() {
    return frame(rows);
  }

  /**
   * Every row, the second and later copies of an accepted row marked {@value #DUPLICATE}: rows
   * whose two 64-bit key hashes both match an earlier row of their partition (a 128-bit match; two
   * different keys share one with a probability below 1e-20 for a billion rows).
   */
  Dataset<Row> exactDuplicatesMarked() {
    int acceptedField = schema.fieldIndex(ACCEPTED);
    int h1 = schema.fieldIndex(KEY_HASH);
    int h2 = schema.fieldIndex(KEY_HASH_2);
    int dup = schema.fieldIndex(DUPLICATE);
    RDD<InternalRow> marked =
        rows.toJavaRDD().mapPartitions(new MarkRepeats(acceptedField, h1, h2, dup)).rdd();
    return frame(marked);
  }

  /** The rejected rows: the one partition that holds them, filtered. */
  Dataset<Row> rejected() {
    int p = rejectPartition;
    RDD<InternalRow> one =
        PartitionPruningRDD.create(
            rows, (scala.Function1<Object, Object> & java.io.Serializable) i -> ((Integer) i) == p);
    return frame(one, functions.not(functions.col(ACCEPTED)));
  }

  private Dataset<Row> frame(RDD<InternalRow> rdd) {
    return frame(rdd, functions.lit(true));
  }

  /** The rows that hold {@code condition}, in the validated layout. */
  private Dataset<Row> frame(RDD<InternalRow> rdd, Column condition) {
    // Spark's own way to turn internal rows into a DataFrame without converting each row.
    Dataset<Row> rows = spark.internalCreateDataFrame(rdd, schema, false);
    return RowValidator.unpackRejects(rows.filter(condition).drop(ACCEPTED));
  }

  /** Marks repeated accepted rows of a partition; keeps a set of 128-bit key hashes. */
  private static final class MarkRepeats
      implements FlatMapFunction<java.util.Iterator<InternalRow>, InternalRow> {
    private final int accepted;
    private final int h1;
    private final int h2;
    private final int dup;

    MarkRepeats(int accepted, int h1, int h2, int dup) {
      this.accepted = accepted;
      this.h1 = h1;
      this.h2 = h2;
      this.dup = dup;
    }

    @Override
    public java.util.Iterator<InternalRow> call(java.util.Iterator<InternalRow> in) {
      HashPairSet seen = new HashPairSet();
      return new java.util.Iterator<>() {
        @Override
        public boolean hasNext() {
          return in.hasNext();
        }

        @Override
        public InternalRow next() {
          InternalRow r = in.next();
          if (r.getBoolean(accepted) && !r.isNullAt(h1)) {
            // Shuffled rows are unsafe rows: a fixed-width field can be set in place.
            r.setBoolean(dup, !seen.add(r.getLong(h1), r.getLong(h2)));
          }
          return r;
        }
      };
    }
  }

  /** An open-addressing set of pairs of longs: no boxing, 16 bytes a row at half load. */
  static final class HashPairSet {
    private long[] first = new long[1024];
    private long[] second = new long[1024];
    private boolean[] used = new boolean[1024];
    private int size;

    /** Adds the pair; false when it was already there. */
    boolean add(long a, long b) {
      if (2 * (size + 1) > used.length) {
        grow();
      }
      int mask = used.length - 1;
      int i = (int) (a ^ (a >>> 32)) & mask;
      while (used[i]) {
        if (first[i] == a && second[i] == b) {
          return false;
        }
        i = (i + 1) & mask;
      }
      used[i] = true;
      first[i] = a;
      second[i] = b;
      size++;
      return true;
    }

    private void grow() {
      long[] a = first;
      long[] b = second;
      boolean[] u = used;
      first = new long[a.length * 2];
      second = new long[a.length * 2];
      used = new boolean[a.length * 2];
      size = 0;
      for (int i = 0; i < u.length; i++) {
        if (u[i]) {
          add(a[i], b[i]);
        }
      }
    }
  }
}
