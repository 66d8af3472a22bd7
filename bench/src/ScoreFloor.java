import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Where scoring's time goes, in one warm application: the same rows read and written as Parquet
 * (the copy), scored by the model's fitted pipeline the way {@code lakeml score} does (id and
 * probability written), and scored by the smallest Spark ML model there is (one assembler and a
 * logistic regression over the numeric columns). Each variant runs {@code rounds} times,
 * alternating, so all run warm; the last round is printed.
 *
 * <p>Arguments: model directory, curated partition, scratch directory, rounds, id column.
 */
public final class ScoreFloor {
  public static void main(String[] args) {
    SparkSession spark = SparkSession.builder().appName("score-floor").getOrCreate();
    PipelineModel model = PipelineModel.load(args[0]);
    Dataset<Row> rows = spark.read().parquet(args[1]);
    String scratch = args[2];
    int rounds = Integer.parseInt(args[3]);
    String id = args[4];

    List<String> numeric = new ArrayList<>();
    for (var f : rows.schema().fields()) {
      String t = f.dataType().typeName();
      if ((t.equals("integer") || t.equals("double") || t.equals("long")) && !f.name().equals(id)) {
        numeric.add(f.name());
      }
    }
    Dataset<Row> labelled =
        rows.withColumn("label", functions.expr("CAST(fraud_reported = 'Y' AS DOUBLE)"))
            .na()
            .fill(0.0, numeric.toArray(String[]::new))
            .limit(20_000);
    PipelineModel smallest =
        new Pipeline()
            .setStages(
                new PipelineStage[] {
                  new VectorAssembler()
                      .setInputCols(numeric.toArray(String[]::new))
                      .setOutputCol("features")
                      .setHandleInvalid("keep"),
                  new LogisticRegression().setMaxIter(5)
                })
            .fit(labelled);

    Map<String, Supplier<Dataset<Row>>> variants = new LinkedHashMap<>();
    variants.put("parquet_copy", () -> rows);
    variants.put("fitted_pipeline", () -> score(model, rows, id));
    variants.put("assembler_and_lr", () -> score(smallest, rows, id));
    for (int round = 1; round <= rounds; round++) {
      for (var v : variants.entrySet()) {
        String out = scratch + "/" + v.getKey();
        long start = System.nanoTime();
        v.getValue().get().write().mode("overwrite").parquet(out);
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (round == rounds) {
          System.out.printf(
              Locale.ROOT,
              "FLOOR variant=%s elapsed_ms=%d rows=%d%n",
              v.getKey(),
              millis,
              spark.read().parquet(out).count());
        }
      }
    }
    spark.stop();
  }

  private static Dataset<Row> score(PipelineModel model, Dataset<Row> rows, String id) {
    Column probability =
        org.apache.spark.ml.functions.vector_to_array(functions.col("probability"), "float64")
            .getItem(1);
    return model.transform(rows).select(functions.col(id), probability.as("probability"));
  }
}
