import java.util.Locale;
import org.apache.spark.sql.SparkSession;

/**
 * The baseline lakeml's scoring is measured against: a plain {@code read.parquet(...)
 * .write.parquet(...)} of the same rows, the least any batch job over them has to do. Prints the
 * elapsed time inside the application.
 */
public final class BareParquetCopy {
  public static void main(String[] args) {
    SparkSession spark = SparkSession.builder().appName("bare-parquet-copy").getOrCreate();
    long start = System.nanoTime();
    spark.read().parquet(args[0]).write().mode("overwrite").parquet(args[1]);
    long millis = (System.nanoTime() - start) / 1_000_000;
    long rows = spark.read().parquet(args[1]).count();
    System.out.printf(Locale.ROOT, "BARE elapsed_ms=%d rows=%d%n", millis, rows);
    spark.stop();
  }
}
