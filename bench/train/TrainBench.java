import io.lakeml.train.Algorithm;
import io.lakeml.ml.ModelColumns;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.ml.Model;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.Predictor;
import org.apache.spark.ml.classification.GBTClassificationModel;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.feature.PCA;
import org.apache.spark.ml.feature.PCAModel;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.RDDInfo;
import org.apache.spark.storage.StorageLevel;

/**
 * lakeml's side of the training benchmark (bench/run-train.sh): fits one algorithm, built by
 * lakeml's {@link Algorithm} with lakeml's defaults except the parameters both sides must share
 * (iterations, trees, depth, bins), on {@code rows} generated rows, cached the way lakeml's train
 * job caches its fit rows ({@code MEMORY_AND_DISK}). The rows are {@link DenseRows} — the same
 * numbers {@code sklearn_side.py} makes with numpy. Prints one {@code TRAIN} line: fit seconds,
 * iterations, quality on 200,000 held-out rows, cached bytes.
 *
 * <p>Usage: {@code TrainBench <lr|gbt|xgb|kmeans|pca> <rows> <iterations> [param=value ...]}
 */
public final class TrainBench {
  static final long SEED = 7;

  /** The estimator's seed: {@link #SEED} unless a {@code seed=N} argument says (rows unchanged). */
  static long seed = SEED;
  static final long TEST_ROWS = 200_000;

  public static void main(String[] args) {
    String algorithm = args[0];
    long rows = Long.parseLong(args[1]);
    int iterations = Integer.parseInt(args[2]);
    // Further arguments override lakeml's defaults: solver=row, max-block-size-in-mb=4, ...
    Map<String, Object> overrides = new LinkedHashMap<>();
    for (int i = 3; i < args.length; i++) {
      String[] kv = args[i].split("=", 2);
      overrides.put(kv[0], kv[1].matches("-?\\d+") ? (Object) Integer.valueOf(kv[1])
          : kv[1].matches("-?[\\d.]+(e-?\\d+)?") ? (Object) Double.valueOf(kv[1]) : kv[1]);
    }
    if (overrides.containsKey("seed")) {
      seed = ((Number) overrides.get("seed")).longValue();
    }
    SparkSession spark = SparkSession.builder().appName("lakeml-train-bench-" + algorithm).getOrCreate();

    Dataset<Row> train = DenseRows.of(spark, 0, rows).persist(StorageLevel.MEMORY_AND_DISK());
    // One pass fills the cache and sums the labels, which must equal scikit-learn's side.
    long checkLabels = DenseRows.labelSum(train);
    long cachedBytes = cachedBytes(spark);
    Dataset<Row> test = DenseRows.of(spark, DenseRows.TEST_OFFSET, TEST_ROWS).cache();
    test.count();

    Map<String, Object> out = new LinkedHashMap<>();
    ModelColumns cols = ModelColumns.standard();
    JobTimes jobs = new JobTimes();
    spark.sparkContext().addSparkListener(jobs);
    long start = System.nanoTime();
    switch (algorithm) {
      case "lr" -> {
        Map<String, Object> params = Map.of("max-iter", iterations, "tol", 0.0);
        var model = (LogisticRegressionModel) fit(Algorithm.LOGISTIC_REGRESSION, params, cols, train);
        fitted(out, start, jobs);
        out.put("iterations", model.summary().totalIterations());
        out.put("auc", auc(model.transform(test)));
      }
      case "gbt" -> {
        Map<String, Object> params =
            Map.of("max-iter", iterations, "max-depth", 5, "max-bins", 32, "step-size", 0.1);
        var model = (GBTClassificationModel) fit(Algorithm.GBT_CLASSIFIER, params, cols, train);
        fitted(out, start, jobs);
        out.put("iterations", model.getNumTrees());
        out.put("auc", auc(model.transform(test)));
      }
      case "xgb" -> {
        // Equal to the gbt rows and scikit-learn's side: rounds, depth 5, 32 bins, eta 0.1, no L2.
        Map<String, Object> params = with(overrides,
            Map.of("num-round", iterations, "max-depth", 5, "max-bin", 32, "eta", 0.1,
                "lambda", 0.0, "num-workers", spark.sparkContext().defaultParallelism()));
        var model = (ml.dmlc.xgboost4j.scala.spark.XGBoostClassificationModel)
            fit(Algorithm.XGBOOST_CLASSIFIER, params, cols, train);
        fitted(out, start, jobs);
        out.put("iterations", model.nativeBooster().getNumBoostedRound());
        out.put("auc", auc(model.transform(test)));
      }
      case "kmeans" -> {
        Map<String, Object> params = with(overrides, Map.of("k", 8, "max-iter", iterations, "tol", 0.0));
        out.put("settings", params.toString().replace(" ", ""));
        // Handed over as lakeml's train job hands it: the output of the feature stages, a
        // Dataset that is not itself the cached one, so KMeans caches its own vectors. (Until
        // 2026-12-07 the bench passed the cached rows themselves; MLlib then skips its own cache
        // and decodes every vector from the columnar cache each iteration: 110 s against 59 s at
        // 10 M rows. lakeml never ran that way.) handoff=0 measures it again.
        Dataset<Row> handed = "0".equals(String.valueOf(overrides.get("handoff"))) ? train : train.select("*");
        var model = (KMeansModel) fit(Algorithm.K_MEANS, params, cols, handed);
        fitted(out, start, jobs);
        out.put("iterations", model.summary().numIter());
        out.put("inertia", model.summary().trainingCost());
      }
      case "pca" -> {
        var model = (PCAModel) fit(Algorithm.PCA_MODEL, Map.of("k", 5), cols, train);
        fitted(out, start, jobs);
        out.put("iterations", 1);
        double explained = 0;
        for (double v : model.explainedVariance().toArray()) {
          explained += v;
        }
        out.put("explained_variance", explained);
      }
      default -> throw new IllegalArgumentException("algorithm must be lr, gbt, xgb, kmeans or pca, got: " + algorithm);
    }
    out.put("rows", rows);
    out.put("label_sum", checkLabels);
    out.put("cached_bytes", cachedBytes);
    out.put("partitions", train.rdd().getNumPartitions());
    StringBuilder line = new StringBuilder("TRAIN side=lakeml algorithm=" + algorithm);
    out.forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
    System.out.println(line);
    spark.stop();
  }

  /**
   * The Spark jobs a fit runs and how long each takes: an iterative algorithm runs at least one per
   * iteration, and on small data their fixed cost is the fit's cost.
   */
  static final class JobTimes extends SparkListener {
    private final Map<Integer, Long> started = new ConcurrentHashMap<>();
    private final List<Long> millis = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void onJobStart(SparkListenerJobStart event) {
      started.put(event.jobId(), event.time());
    }

    @Override
    public void onJobEnd(SparkListenerJobEnd event) {
      Long start = started.remove(event.jobId());
      if (start != null) {
        millis.add(event.time() - start);
      }
    }

    Map<String, Object> summary() {
      List<Long> sorted = new ArrayList<>(millis);
      Collections.sort(sorted);
      long total = sorted.stream().mapToLong(Long::longValue).sum();
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("jobs", sorted.size());
      out.put("jobs_s", String.format(Locale.ROOT, "%.2f", total / 1e3));
      out.put("job_median_ms", sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2));
      // The first jobs carry the one-off work (statistics, blocking the rows into matrices).
      out.put("first_jobs_ms", String.join(",", millis.stream().limit(3).map(String::valueOf).toList()));
      return out;
    }
  }

  /** Records the fit's time and its jobs, before anything else runs. */
  static void fitted(Map<String, Object> out, long start, JobTimes jobs) {
    out.put("fit_s", seconds(start));
    out.putAll(jobs.summary());
  }

  /** The bench's parameters with the command line's overrides (those the algorithm takes). */
  static Map<String, Object> with(Map<String, Object> overrides, Map<String, Object> params) {
    Map<String, Object> out = new LinkedHashMap<>(params);
    overrides.forEach((k, v) -> {
      if (!k.equals("handoff") && !k.equals("seed")) {
        out.put(k, v);
      }
    });
    return out;
  }

  static Model<?> fit(Algorithm algorithm, Map<String, Object> params, ModelColumns cols, Dataset<Row> rows) {
    PipelineStage stage = algorithm.estimator(params, cols, seed);
    if (stage instanceof org.apache.spark.ml.Estimator<?> e && algorithm.barrierMode()) {
      return (Model<?>) e.fit(rows);
    }
    if (stage instanceof Predictor<?, ?, ?> p) {
      return (Model<?>) p.fit(rows);
    }
    if (stage instanceof KMeans k) {
      return k.fit(rows);
    }
    return ((PCA) stage).fit(rows);
  }

  static double auc(Dataset<Row> scored) {
    return new BinaryClassificationEvaluator().setMetricName("areaUnderROC").evaluate(scored);
  }

  static String seconds(long start) {
    return String.format(Locale.ROOT, "%.2f", (System.nanoTime() - start) / 1e9);
  }

  static long cachedBytes(SparkSession spark) {
    long bytes = 0;
    for (RDDInfo info : spark.sparkContext().getRDDStorageInfo()) {
      bytes += info.memSize() + info.diskSize();
    }
    return bytes;
  }

  /**
   * Dense numeric rows from a counter-based generator, so Java and numpy make bit-identical
   * numbers: a row's values depend only on its index. 20 features are mixtures of 5 latent factors
   * plus noise (correlated, so PCA has something to find); the binary label is a noisy linear
   * function with one interaction (so trees have something linear models miss). Only +, -, * and
   * exact constants are used: no transcendental function whose last bit could differ.
   */
  static final class DenseRows {
    static final int FEATURES = 20;
    static final int LATENT = 5;
    static final long TEST_OFFSET = 1_000_000_000_000L;
    static final StructType SCHEMA =
        new StructType().add("label", DataTypes.DoubleType).add("features", SQLDataTypes.VectorType());

    static Dataset<Row> of(SparkSession spark, long first, long rows) {
      // About 64 MB of doubles per partition, at least one per core.
      int partitions =
          (int) Math.max(spark.sparkContext().defaultParallelism(), (rows * (FEATURES + 1) * 8) / (64L << 20));
      return spark
          .range(first, first + rows, 1, partitions)
          .mapPartitions((MapPartitionsFunction<Long, Row>) DenseRows::rows, Encoders.row(SCHEMA));
    }

    static Iterator<Row> rows(Iterator<Long> ids) {
      return new Iterator<>() {
        public boolean hasNext() {
          return ids.hasNext();
        }

        public Row next() {
          long row = ids.next();
          double[] z = new double[LATENT];
          for (int j = 0; j < LATENT; j++) {
            z[j] = 2.0 * uniform(row, j) - 1.0;
          }
          double[] x = new double[FEATURES];
          for (int i = 0; i < FEATURES; i++) {
            double acc = 0.0;
            for (int j = 0; j < LATENT; j++) {
              acc += loading(i, j) * z[j];
            }
            x[i] = acc + 0.5 * (2.0 * uniform(row, LATENT + i) - 1.0);
          }
          double logit = 0.0;
          for (int i = 0; i < FEATURES; i++) {
            logit += weight(i) * x[i];
          }
          logit = logit + x[0] * x[1];
          logit = logit - 0.5;
          // Irwin-Hall noise: four uniforms, roughly normal, exact arithmetic.
          double noise = (uniform(row, 40) + uniform(row, 41) + uniform(row, 42) + uniform(row, 43) - 2.0) * 4.0;
          double label = logit + noise > 0 ? 1.0 : 0.0;
          return RowFactory.create(label, Vectors.dense(x));
        }
      };
    }

    static double loading(int i, int j) {
      return ((i * 7 + j * 13) % 11 - 5) / 5.0;
    }

    static double weight(int i) {
      return ((i * 5) % 7 - 3) / 4.0;
    }

    static double uniform(long row, int stream) {
      return (mix(row * 64 + stream) >>> 11) * 0x1.0p-53;
    }

    /** SplitMix64's finalizer. */
    static long mix(long x) {
      x += 0x9E3779B97F4A7C15L;
      x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
      x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
      return x ^ (x >>> 31);
    }

    static long labelSum(Dataset<Row> rows) {
      return (long) rows.agg(org.apache.spark.sql.functions.sum("label")).first().getDouble(0);
    }
  }
}
