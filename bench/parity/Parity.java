import io.lakeml.features.FeatureConfig;
import io.lakeml.features.FeaturePipeline;
import io.lakeml.ml.HashSplit;
import io.lakeml.ml.SplitConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.classification.RandomForestClassifier;
import org.apache.spark.ml.feature.PCA;
import org.apache.spark.ml.linalg.Matrix;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * lakeml's side of the scikit-learn parity check (bench/parity/run.sh). For each data set it splits
 * the rows with lakeml's stratified hash split, fits lakeml's feature stages on the training rows,
 * and writes the resulting numeric matrices (so both libraries learn from exactly the same numbers)
 * with what Spark's algorithms make of them: coefficients, probabilities, predictions, explained
 * variance, k-means cost from given initial centres.
 */
public final class Parity {
  static final double REG = 0.01;
  static final long SEED = 7;
  static final int FOREST_SEEDS = 3;

  /**
   * scikit-learn's trees try a threshold between every two consecutive training values; Spark's try
   * one per bin (32 by default), at quantiles. With at least as many bins as distinct values Spark
   * uses every midpoint too, so both sides choose among the same splits ("equal bins").
   */
  static final int MAX_BINS = 1024;

  /**
   * Below this many test rows a test row is worth more than the two points of accuracy a forest is
   * compared to, and which borderline rows happen to be in the test split decides the comparison
   * (iris: 36 test rows). There the forests are also compared out of fold, over every row.
   */
  static final int CV_BELOW_TEST_ROWS = 100;

  static final int CV_FOLDS = 5;

  record Spec(String name, String csv, List<String> numeric, List<String> categorical, String label, boolean regression, List<String> tasks) {}

  public static void main(String[] args) throws IOException {
    Path data = Path.of(args[0]);
    Path out = Path.of(args[1]);
    SparkSession spark = SparkSession.builder().appName("lakeml-parity").getOrCreate();
    List<Spec> specs =
        List.of(
            new Spec("penguins", "penguins/penguins.csv", List.of("beak_length_mm", "beak_depth_mm", "flipper_length_mm", "body_mass_g"), List.of("island", "sex"), "species", false, List.of("lr", "pca", "kmeans", "rf", "gbt", "xgb")),
            // Numeric features only: coefficients are comparable only for a full-rank design, and a
            // one-hot block that keeps every seen category (unseen ones are the all-zero reference)
            // is collinear with the intercept of an unregularized linear model.
            new Spec("penguins_mass", "penguins/penguins.csv", List.of("beak_length_mm", "beak_depth_mm", "flipper_length_mm"), List.of(), "body_mass_g", true, List.of("linreg")),
            new Spec("iris", "iris/iris.csv", List.of("sepal_length", "sepal_width", "petal_length", "petal_width"), List.of(), "species", false, List.of("lr", "pca", "kmeans", "rf", "gbt", "xgb")),
            new Spec("digits", "digits/digits.csv", pixels(), List.of(), "digit", false, List.of("lr", "pca", "kmeans", "rf", "gbt", "xgb")));
    // Further arguments keep only those tasks (bench/parity/run.sh xgb).
    List<String> only = List.of(args).subList(2, args.length);
    for (Spec spec : specs) {
      List<String> tasks = only.isEmpty() ? spec.tasks() : spec.tasks().stream().filter(only::contains).toList();
      if (!tasks.isEmpty()) {
        run(spark, data, out.resolve(spec.name()), new Spec(spec.name(), spec.csv(), spec.numeric(), spec.categorical(), spec.label(), spec.regression(), tasks));
      }
    }
    spark.stop();
  }

  static List<String> pixels() {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      out.add("pixel_" + (i / 8) + "_" + (i % 8));
    }
    return out;
  }

  static void run(SparkSession spark, Path data, Path out, Spec spec) throws IOException {
    Files.createDirectories(out);
    Dataset<Row> raw =
        spark.read().option("header", true).option("inferSchema", true).option("nullValue", "NA")
            .csv(data.resolve(spec.csv()).toString());
    for (String c : raw.columns()) {
      raw = raw.withColumnRenamed(c, c.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("_$", ""));
    }
    List<String> used = new ArrayList<>(spec.numeric());
    used.addAll(spec.categorical());
    used.add(spec.label());
    // Complete rows only (the penguins have a few gaps): both sides see the same rows.
    Dataset<Row> rows = raw.na().drop(used.toArray(String[]::new));
    if (spec.categorical().contains("sex")) {
      rows = rows.filter("sex != '.'"); // one penguin's sex is recorded as "."
    }
    rows = rows.withColumn("_row", functions.monotonically_increasing_id());
    Dataset<Row> assigned =
        HashSplit.assign(rows, new SplitConfig(0.75, 0, 0.25, SEED, List.of(), !spec.regression()), spec.regression() ? Optional.empty() : Optional.of(spec.label())).cache();
    Dataset<Row> train = HashSplit.only(assigned, io.lakeml.ml.Split.TRAIN).orderBy("_row");
    Dataset<Row> test = HashSplit.only(assigned, io.lakeml.ml.Split.TEST).orderBy("_row");

    List<String> classes = new ArrayList<>();
    if (!spec.regression()) {
      for (Row r : rows.select(functions.col(spec.label()).cast("string")).distinct().orderBy(spec.label()).collectAsList()) {
        classes.add(r.getString(0));
      }
      train = encode(train, spec.label(), classes);
      test = encode(test, spec.label(), classes);
    } else {
      train = train.withColumn("label", functions.col(spec.label()).cast("double"));
      test = test.withColumn("label", functions.col(spec.label()).cast("double"));
    }
    FeatureConfig features = FeatureConfig.of(spec.numeric(), spec.categorical(), "median", "standard");
    PipelineModel prep = new Pipeline().setStages(FeaturePipeline.stages(features).toArray(PipelineStage[]::new)).fit(train);
    train = prep.transform(train).select("features", "label").cache();
    test = prep.transform(test).select("features", "label").cache();
    write(train, out.resolve("train.csv"));
    write(test, out.resolve("test.csv"));

    Map<String, Object> result = new LinkedHashMap<>();
    result.put("classes", classes);
    result.put("train_rows", train.count());
    result.put("test_rows", test.count());
    for (String task : spec.tasks()) {
      long start = System.nanoTime();
      Map<String, Object> r = new LinkedHashMap<>();
      switch (task) {
        case "lr" -> {
          LogisticRegressionModel m = new LogisticRegression().setFamily("multinomial").setRegParam(REG).setElasticNetParam(0).setStandardization(false).setTol(1e-12).setMaxIter(10000).fit(train);
          r.put("reg_param", REG);
          r.put("coefficients", rows(m.coefficientMatrix()));
          r.put("intercepts", m.interceptVector().toArray());
          r.put("test_probabilities", column(m.transform(test), "probability"));
        }
        case "pca" -> {
          int k = Math.min(10, ((Vector) train.first().get(0)).size());
          r.put("k", k);
          r.put("explained_variance_ratio", new PCA().setK(k).setInputCol("features").setOutputCol("pc").fit(train).explainedVariance().toArray());
        }
        case "kmeans" -> {
          int k = classes.size();
          List<Row> first = train.limit(k).collectAsList();
          org.apache.spark.mllib.linalg.Vector[] centres = new org.apache.spark.mllib.linalg.Vector[k];
          for (int i = 0; i < k; i++) {
            centres[i] = org.apache.spark.mllib.linalg.Vectors.fromML((Vector) first.get(i).get(0));
          }
          var rdd = train.select("features").javaRDD().map(row -> org.apache.spark.mllib.linalg.Vectors.fromML((Vector) row.get(0))).rdd().cache();
          var model = new org.apache.spark.mllib.clustering.KMeans().setK(k).setMaxIterations(300).setEpsilon(1e-9).setInitialModel(new org.apache.spark.mllib.clustering.KMeansModel(centres)).run(rdd);
          r.put("k", k);
          r.put("initial_centres", "the first k training rows");
          r.put("cost", model.computeCost(rdd));
        }
        case "rf" -> {
          // A forest's accuracy on a few dozen test rows moves by a row or two with the seed:
          // both sides report the mean over the same number of seeds.
          List<List<Object>> bySeed = new ArrayList<>();
          for (long seed = 0; seed < FOREST_SEEDS; seed++) {
            var m = new RandomForestClassifier().setNumTrees(100).setMaxDepth(8).setMaxBins(MAX_BINS).setSeed(seed).fit(train);
            bySeed.add(column(m.transform(test), "prediction"));
          }
          r.put("seeds", FOREST_SEEDS);
          r.put("test_predictions_by_seed", bySeed);
          if (test.count() < CV_BELOW_TEST_ROWS) {
            r.put("cv_folds", CV_FOLDS);
            r.put("cv_predictions_by_seed", crossValidatedForest(spark, train, test));
          }
        }
        case "gbt" -> {
          Dataset<Row> bin = train.withColumn("label", functions.when(functions.col("label").equalTo(0.0), 1.0).otherwise(0.0));
          Dataset<Row> binTest = test.withColumn("label", functions.when(functions.col("label").equalTo(0.0), 1.0).otherwise(0.0));
          var m = new GBTClassifier().setMaxIter(20).setMaxDepth(3).setMaxBins(MAX_BINS).setStepSize(0.1).setSeed(SEED).fit(bin);
          r.put("positive", classes.get(0));
          r.put("test_predictions", column(m.transform(binTest), "prediction"));
        }
        case "xgb" -> {
          // lakeml's XGBoost estimator with its defaults but the rounds, depth and rate of
          // scikit-learn's HistGradientBoostingClassifier on the other side; all classes.
          Map<String, Object> params = new LinkedHashMap<>();
          io.lakeml.train.Algorithm.XGBOOST_CLASSIFIER.params().forEach(p -> params.put(p.name(), p.defaultValue()));
          params.putAll(Map.of("num-round", 50, "max-depth", 3, "eta", 0.1, "lambda", 0.0, "num-workers", 2));
          java.util.function.Function<Dataset<Row>, org.apache.spark.ml.Model<?>> fit = part ->
              (org.apache.spark.ml.Model<?>) ((org.apache.spark.ml.Estimator<?>) io.lakeml.train.Algorithm.XGBOOST_CLASSIFIER
                  .estimator(params, io.lakeml.ml.ModelColumns.standard(), SEED)).fit(part);
          r.put("test_predictions", column(fit.apply(train).transform(test), "prediction"));
          if (test.count() < CV_BELOW_TEST_ROWS) {
            r.put("cv_folds", CV_FOLDS);
            r.put("cv_predictions", outOfFold(spark, train, test, fit));
          }
        }
        case "linreg" -> {
          LinearRegressionModel m = new LinearRegression().setSolver("normal").setRegParam(0).setStandardization(false).fit(train);
          r.put("coefficients", m.coefficients().toArray());
          r.put("intercept", m.intercept());
          r.put("test_predictions", column(m.transform(test), "prediction"));
        }
        default -> throw new IllegalArgumentException(task);
      }
      r.put("seconds", (System.nanoTime() - start) / 1e9);
      result.put(task, r);
    }
    Files.writeString(out.resolve("lakeml.json"), io.lakeml.io.Json.write(result));
    System.out.println("PARITY " + spec.name() + " written to " + out);
  }

  /**
   * Out-of-fold predictions of the forest for every row, training rows first and test rows after
   * (the order of train.csv then test.csv); row i is in fold i mod {@link #CV_FOLDS}.
   */
  static List<List<Object>> crossValidatedForest(SparkSession spark, Dataset<Row> train, Dataset<Row> test) {
    List<List<Object>> bySeed = new ArrayList<>();
    for (long seed = 0; seed < FOREST_SEEDS; seed++) {
      long s = seed;
      bySeed.add(outOfFold(spark, train, test,
          rows -> new RandomForestClassifier().setNumTrees(100).setMaxDepth(8).setMaxBins(MAX_BINS).setSeed(s).fit(rows)));
    }
    return bySeed;
  }

  /**
   * Out-of-fold predictions for every row, training rows first and test rows after (the order of
   * train.csv then test.csv); row i is in fold i mod {@link #CV_FOLDS}.
   */
  static List<Object> outOfFold(SparkSession spark, Dataset<Row> train, Dataset<Row> test,
      java.util.function.Function<Dataset<Row>, org.apache.spark.ml.Model<?>> fit) {
    List<Row> all = new ArrayList<>(train.collectAsList());
    all.addAll(test.collectAsList());
    List<Row> indexed = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      indexed.add(org.apache.spark.sql.RowFactory.create(all.get(i).get(0), all.get(i).getDouble(1), i, i % CV_FOLDS));
    }
    var schema = train.schema().add("_i", "int").add("_fold", "int");
    Dataset<Row> pooled = spark.createDataFrame(indexed, schema).cache();
    Object[] predictions = new Object[all.size()];
    for (int fold = 0; fold < CV_FOLDS; fold++) {
      var m = fit.apply(pooled.filter(functions.col("_fold").notEqual(fold)));
      for (Row p : m.transform(pooled.filter(functions.col("_fold").equalTo(fold))).select("_i", "prediction").collectAsList()) {
        predictions[p.getInt(0)] = p.getDouble(1);
      }
    }
    pooled.unpersist();
    return List.of(predictions);
  }

  static Dataset<Row> encode(Dataset<Row> rows, String label, List<String> classes) {
    var index = functions.lit(null).cast("double");
    for (int i = classes.size() - 1; i >= 0; i--) {
      index = functions.when(functions.col(label).cast("string").equalTo(classes.get(i)), (double) i).otherwise(index);
    }
    return rows.withColumn("label", index);
  }

  static List<double[]> rows(Matrix m) {
    List<double[]> out = new ArrayList<>();
    for (int r = 0; r < m.numRows(); r++) {
      double[] row = new double[m.numCols()];
      for (int c = 0; c < m.numCols(); c++) {
        row[c] = m.apply(r, c);
      }
      out.add(row);
    }
    return out;
  }

  static List<Object> column(Dataset<Row> scored, String col) {
    List<Object> out = new ArrayList<>();
    for (Row r : scored.select(col).collectAsList()) {
      Object v = r.get(0);
      out.add(v instanceof Vector vec ? vec.toArray() : v);
    }
    return out;
  }

  static void write(Dataset<Row> rows, Path file) throws IOException {
    StringBuilder sb = new StringBuilder();
    List<Row> all = rows.collectAsList();
    int n = ((Vector) all.get(0).get(0)).size();
    for (int i = 0; i < n; i++) {
      sb.append("f").append(i).append(',');
    }
    sb.append("label\n");
    for (Row r : all) {
      double[] v = ((Vector) r.get(0)).toArray();
      for (double d : v) {
        sb.append(Double.toString(d)).append(',');
      }
      sb.append(r.getDouble(1)).append('\n');
    }
    Files.writeString(file, sb.toString());
  }
}
