package io.lakeml.generate;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Synthetic insurance claims in the shape of the fraud example, generated in parallel by Spark as
 * raw text (every column a string, as a CSV file would hold it) plus a {@value #DIRT_COLUMN} column
 * saying which kind of dirt, if any, the row carries. The caller counts and drops that column
 * before writing.
 */
public final class FraudClaimsGenerator {
  public static final List<String> COLUMNS =
      List.of(
          "months_as_customer",
          "age",
          "policy_number",
          "policy_bind_date",
          "policy_state",
          "policy_csl",
          "policy_deductable",
          "policy_annual_premium",
          "umbrella_limit",
          "insured_zip",
          "police_report_available",
          "total_claim_amount",
          "injury_claim",
          "property_claim",
          "vehicle_claim",
          "auto_make",
          "auto_model",
          "auto_year",
          "fraud_reported");

  public static final String DIRT_COLUMN = "_dirt";

  /** The kinds of dirty row, each planted on purpose and counted. */
  public enum Dirt {
    /** A clean row. */
    CLEAN,
    /** {@code age} is not a number. */
    BAD_TYPE,
    /** {@code policy_number}, a required column, is empty. */
    MISSING_REQUIRED,
    /** {@code age} is a number outside any plausible range. */
    OUT_OF_RANGE,
    /** An exact copy of the row before it. */
    DUPLICATE;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private static final int AGE = COLUMNS.indexOf("age");
  private static final int POLICY_NUMBER = COLUMNS.indexOf("policy_number");
  private static final long DIRT_SALT = 0x5DEECE66DL;

  private FraudClaimsGenerator() {}

  /** The raw (all-string) schema, plus the dirt column. */
  public static StructType schema() {
    List<StructField> fields = new ArrayList<>();
    for (String c : COLUMNS) {
      fields.add(DataTypes.createStructField(c, DataTypes.StringType, true));
    }
    fields.add(DataTypes.createStructField(DIRT_COLUMN, DataTypes.StringType, false));
    return DataTypes.createStructType(fields);
  }

  /**
   * {@code rows} claims in {@code partitions} partitions. Row {@code i} depends only on {@code
   * seed} and {@code i}, so the output does not depend on the partitioning.
   */
  public static Dataset<Row> generate(
      SparkSession spark, long rows, long seed, double dirtyFraction, int partitions) {
    return generate(spark, 0, rows, seed, dirtyFraction, partitions, Shift.NONE);
  }

  /**
   * Rows {@code first} to {@code first + rows - 1} (row numbers also make the policy numbers, so
   * disjoint ranges never share a policy), drawn under {@code shift}.
   */
  public static Dataset<Row> generate(
      SparkSession spark,
      long first,
      long rows,
      long seed,
      double dirtyFraction,
      int partitions,
      Shift shift) {
    if (rows < 1) {
      throw new IllegalArgumentException("rows must be >= 1, got: " + rows);
    }
    if (dirtyFraction < 0 || dirtyFraction > 0.5) {
      throw new IllegalArgumentException(
          "dirtyFraction must be in [0, 0.5], got: " + dirtyFraction);
    }
    return spark
        .range(first, first + rows, 1, Math.max(1, partitions))
        .mapPartitions(new RowMaker(seed, first, dirtyFraction, shift), Encoders.row(schema()));
  }

  /** The kind of dirt row {@code row} carries, before the duplicate rule is applied. */
  static Dirt plannedDirt(long seed, long row, double dirtyFraction) {
    double u = new SplittableRandom(ClaimRecord.mix(seed ^ DIRT_SALT, row)).nextDouble();
    if (u >= dirtyFraction) {
      return Dirt.CLEAN;
    }
    int kinds = Dirt.values().length - 1;
    return Dirt.values()[1 + Math.min(kinds - 1, (int) (u / dirtyFraction * kinds))];
  }

  /** The dirt row {@code row} actually carries: a duplicate only copies a clean row. */
  static Dirt dirt(long seed, long row, double dirtyFraction) {
    return dirt(seed, 0, row, dirtyFraction);
  }

  /** As above, for rows numbered from {@code first}: the first row has nothing to copy. */
  static Dirt dirt(long seed, long first, long row, double dirtyFraction) {
    Dirt planned = plannedDirt(seed, row, dirtyFraction);
    if (planned == Dirt.DUPLICATE
        && (row == first || plannedDirt(seed, row - 1, dirtyFraction) != Dirt.CLEAN)) {
      return Dirt.CLEAN;
    }
    return planned;
  }

  static String[] fields(long seed, long row, Dirt dirt) {
    return fields(seed, row, dirt, Shift.NONE);
  }

  static String[] fields(long seed, long row, Dirt dirt, Shift shift) {
    String[] f = ClaimRecord.of(seed, dirt == Dirt.DUPLICATE ? row - 1 : row, shift).fields();
    SplittableRandom r = new SplittableRandom(ClaimRecord.mix(~seed, row));
    switch (dirt) {
      case BAD_TYPE -> f[AGE] = new String[] {"forty", "n/a-", "3O", "thirty two"}[r.nextInt(4)];
      case MISSING_REQUIRED -> f[POLICY_NUMBER] = null;
      case OUT_OF_RANGE ->
          f[AGE] = Integer.toString(r.nextBoolean() ? -1 - r.nextInt(50) : 150 + r.nextInt(100));
      default -> {}
    }
    return f;
  }

  private static final class RowMaker implements MapPartitionsFunction<Long, Row> {
    private static final long serialVersionUID = 1L;
    private final long seed;
    private final long first;
    private final double dirtyFraction;
    private final Shift shift;

    RowMaker(long seed, long first, double dirtyFraction, Shift shift) {
      this.seed = seed;
      this.first = first;
      this.dirtyFraction = dirtyFraction;
      this.shift = shift;
    }

    @Override
    public Iterator<Row> call(Iterator<Long> ids) {
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return ids.hasNext();
        }

        @Override
        public Row next() {
          long row = ids.next();
          Dirt dirt = dirt(seed, first, row, dirtyFraction);
          String[] f = fields(seed, row, dirt, shift);
          Object[] values = new Object[f.length + 1];
          System.arraycopy(f, 0, values, 0, f.length);
          values[f.length] = dirt.label();
          return RowFactory.create(values);
        }
      };
    }
  }
}
