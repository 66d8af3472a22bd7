import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The baseline lakeml's ingest is measured against: the plain Spark way to land a CSV file as
 * Parquet, {@code spark.read.schema(...).csv(...).write.parquet(...)}, with the same declared
 * types and no validation. Prints the elapsed time inside the application.
 */
public final class BareCsvToParquet {
  public static void main(String[] args) {
    String input = args[0];
    String output = args[1];
    SparkSession spark = SparkSession.builder().appName("bare-csv-to-parquet").getOrCreate();
    StructType schema =
        new StructType()
            .add("months_as_customer", DataTypes.IntegerType)
            .add("age", DataTypes.IntegerType)
            .add("policy_number", DataTypes.LongType)
            .add("policy_bind_date", DataTypes.DateType)
            .add("policy_state", DataTypes.StringType)
            .add("policy_csl", DataTypes.StringType)
            .add("policy_deductable", DataTypes.IntegerType)
            .add("policy_annual_premium", DataTypes.DoubleType)
            .add("umbrella_limit", DataTypes.LongType)
            .add("insured_zip", DataTypes.IntegerType)
            .add("police_report_available", DataTypes.StringType)
            .add("total_claim_amount", DataTypes.LongType)
            .add("injury_claim", DataTypes.LongType)
            .add("property_claim", DataTypes.LongType)
            .add("vehicle_claim", DataTypes.LongType)
            .add("auto_make", DataTypes.StringType)
            .add("auto_model", DataTypes.StringType)
            .add("auto_year", DataTypes.IntegerType)
            .add("fraud_reported", DataTypes.StringType);
    long start = System.nanoTime();
    spark.read().option("header", true).schema(schema).csv(input).write().mode("overwrite").parquet(output);
    long millis = (System.nanoTime() - start) / 1_000_000;
    long rows = spark.read().parquet(output).count();
    System.out.printf(Locale.ROOT, "BARE elapsed_ms=%d rows=%d%n", millis, rows);
    spark.stop();
  }
}
