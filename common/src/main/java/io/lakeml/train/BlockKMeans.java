package io.lakeml.train;

import io.lakeml.train.PointBlock.CentreSums;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.ml.clustering.KMeansSummary;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import scala.Option;
import scala.Tuple2;

/**
 * lakeml's k-means (solver {@code lakeml}, the default): Spark's {@link KMeans} with every one of
 * its parameters, fitted on rows stacked into dense blocks ({@link PointBlock}) so that each pass
 * computes distances as matrix products. The fitted form is Spark's own {@link KMeansModel}: a
 * model saved by lakeml loads and scores with plain Spark, and nothing of lakeml is needed to read
 * it.
 *
 * <p>The algorithm is Spark's: k-means|| initialisation ({@code initSteps} rounds, about 2k
 * candidates each, reduced to k by a weighted k-means++ on the driver) or k random rows, then
 * Lloyd's iterations until {@code maxIter} or until no centre moves more than {@code tol}; an empty
 * cluster keeps its centre; the training cost is that of the last iteration's centres before their
 * update, as Spark reports it. From the same initial centres it reaches the same centres as MLlib's
 * k-means (within rounding). Where it differs is cost: MLlib computes k dot products per row in
 * Java and reads each row from a vector object; here a block's distances to all centres are one
 * BLAS {@code dgemm} over contiguous memory (bench/RESULTS.md §2 has the numbers).
 *
 * <p>Cosine distance is left to Spark's own solver.
 */
public final class BlockKMeans extends KMeans {
  private static final long serialVersionUID = 1L;

  /** Its name as the value of k-means' {@code solver} in config. */
  public static final String SOLVER = "lakeml";

  /** Block size when {@code maxBlockSizeInMB} is 0: 4,096 rows of 20 features is 640 KB. */
  static final long DEFAULT_BLOCK_BYTES = 1L << 20;

  /** Lloyd's iterations of the local k-means++ that ends k-means|| (Spark's number). */
  private static final int LOCAL_ITERATIONS = 30;

  public BlockKMeans() {
    this(Identifiable$.MODULE$.randomUID("kmeans"));
  }

  /** The constructor Spark's {@code copy} calls by reflection. */
  public BlockKMeans(String uid) {
    super(uid);
  }

  @Override
  public KMeansModel fit(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    if (!"euclidean".equals(getDistanceMeasure())) {
      return super.fit(dataset);
    }
    JavaRDD<PointBlock> blocks = blocks(dataset).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      JavaSparkContext jsc = new JavaSparkContext(dataset.sparkSession().sparkContext());
      double[][] initial = initialCentres(jsc, blocks);
      Lloyd fitted = lloyd(jsc, blocks, initial, getMaxIter(), getTol());
      return model(dataset, fitted);
    } finally {
      blocks.unpersist(false);
    }
  }

  /** The fitted centres, the cost Spark would report for them and the iterations run. */
  record Lloyd(double[][] centres, double cost, int iterations) {}

  /** The input's feature vectors (and weights) as dense blocks; not yet cached. */
  JavaRDD<PointBlock> blocks(Dataset<?> dataset) {
    boolean weighted = isDefined(weightCol()) && !getWeightCol().isEmpty();
    List<Column> columns = new ArrayList<>(List.of(functions.col(getFeaturesCol())));
    if (weighted) {
      columns.add(functions.col(getWeightCol()).cast("double"));
    }
    long maxBytes =
        getMaxBlockSizeInMB() > 0
            ? (long) (getMaxBlockSizeInMB() * (1L << 20))
            : DEFAULT_BLOCK_BYTES;
    return dataset
        .select(columns.toArray(new Column[0]))
        .toJavaRDD()
        .mapPartitions(rows -> PointBlock.of(rows, weighted, maxBytes));
  }

  private double[][] initialCentres(JavaSparkContext jsc, JavaRDD<PointBlock> blocks) {
    long seed = getSeed();
    boolean random = "random".equals(getInitMode());
    List<double[]> candidates = new ArrayList<>(sample(blocks, random ? getK() : 1, seed));
    if (candidates.isEmpty()) {
      throw new IllegalArgumentException(
          "k-means got no rows to cluster: check the training data's run dates and filters");
    }
    if (random) {
      return distinct(candidates);
    }
    candidates.addAll(parallelCandidates(jsc, blocks, candidates.get(0), seed));
    double[][] distinct = distinct(candidates);
    if (distinct.length <= getK()) {
      return distinct;
    }
    double[] weights = nearestWeights(jsc, blocks, distinct);
    return KMeansPlusPlus.centres(distinct, weights, getK(), LOCAL_ITERATIONS, seed);
  }

  /**
   * k-means||'s rounds: each keeps every row's cost to its nearest candidate so far, then draws
   * rows with probability 2k × cost / total cost (seeded per round and partition, like Spark).
   */
  private List<double[]> parallelCandidates(
      JavaSparkContext jsc, JavaRDD<PointBlock> blocks, double[] first, long seed) {
    List<double[]> chosen = new ArrayList<>();
    List<Broadcast<double[]>> broadcasts = new ArrayList<>();
    double[][] newest = {first};
    JavaRDD<double[]> costs = null;
    int k = getK();
    for (int step = 0; step < getInitSteps() && newest.length > 0; step++) {
      Broadcast<double[]> centres = jsc.broadcast(flatten(newest));
      broadcasts.add(centres);
      int m = newest.length;
      JavaRDD<double[]> next =
          costs == null
              ? blocks.map(b -> b.costs(centres.value(), m))
              : blocks.zip(costs).map(t -> min(t._2(), t._1().costs(centres.value(), m)));
      next.persist(StorageLevel.MEMORY_AND_DISK());
      double total = next.map(BlockKMeans::sum).reduce(Double::sum);
      if (costs != null) {
        costs.unpersist(false);
      }
      costs = next;
      long stepSeed = seed ^ ((long) step << 16);
      List<double[]> drawn =
          total <= 0
              ? List.of()
              : blocks
                  .zip(costs)
                  .mapPartitionsWithIndex(
                      (index, it) -> draw(it, 2.0 * k / total, stepSeed ^ index), false)
                  .collect();
      chosen.addAll(drawn);
      newest = drawn.toArray(new double[0][]);
    }
    if (costs != null) {
      costs.unpersist(false);
    }
    broadcasts.forEach(b -> b.destroy());
    return chosen;
  }

  /** The rows of a partition drawn with probability {@code scale} × their cost. */
  private static Iterator<double[]> draw(
      Iterator<Tuple2<PointBlock, double[]>> blocks, double scale, long seed) {
    Random random = new Random(seed);
    List<double[]> out = new ArrayList<>();
    while (blocks.hasNext()) {
      Tuple2<PointBlock, double[]> t = blocks.next();
      for (int r = 0; r < t._1().rows; r++) {
        if (random.nextDouble() < scale * t._2()[r]) {
          out.add(t._1().row(r));
        }
      }
    }
    return out.iterator();
  }

  /** The total weight of the rows nearest each candidate. */
  private static double[] nearestWeights(
      JavaSparkContext jsc, JavaRDD<PointBlock> blocks, double[][] candidates) {
    Broadcast<double[]> flat = jsc.broadcast(flatten(candidates));
    int m = candidates.length;
    CentreSums sums = assignAll(blocks, flat, m);
    flat.destroy();
    return sums.counts;
  }

  /**
   * {@code count} rows drawn uniformly without replacement: each row gets a seeded random key, the
   * smallest keys win. One pass; the same rows for the same seed and partitioning.
   */
  static List<double[]> sample(JavaRDD<PointBlock> blocks, int count, long seed) {
    List<Tuple2<Double, double[]>> keyed =
        blocks
            .mapPartitionsWithIndex(
                (index, it) -> smallestKeys(it, count, seed ^ (index * 0x9E3779B97F4A7C15L)), false)
            .collect();
    return keyed.stream()
        .sorted((a, b) -> Double.compare(a._1(), b._1()))
        .limit(count)
        .map(Tuple2::_2)
        .toList();
  }

  private static Iterator<Tuple2<Double, double[]>> smallestKeys(
      Iterator<PointBlock> blocks, int count, long seed) {
    Random random = new Random(seed);
    PriorityQueue<Tuple2<Double, double[]>> largestFirst =
        new PriorityQueue<>((a, b) -> Double.compare(b._1(), a._1()));
    while (blocks.hasNext()) {
      PointBlock b = blocks.next();
      for (int r = 0; r < b.rows; r++) {
        double key = random.nextDouble();
        if (largestFirst.size() < count || key < largestFirst.peek()._1()) {
          largestFirst.add(new Tuple2<>(key, b.row(r)));
          if (largestFirst.size() > count) {
            largestFirst.poll();
          }
        }
      }
    }
    return new ArrayList<>(largestFirst).iterator();
  }

  /**
   * Lloyd's iterations from {@code initial} centres over the cached blocks: one Spark job each,
   * which sums the rows nearest every centre.
   */
  static Lloyd lloyd(
      JavaSparkContext jsc,
      JavaRDD<PointBlock> blocks,
      double[][] initial,
      int maxIterations,
      double tol) {
    int m = initial.length;
    int d = initial[0].length;
    double[] centres = flatten(initial);
    double cost = 0;
    int iterations = 0;
    boolean converged = false;
    while (iterations < maxIterations && !converged) {
      Broadcast<double[]> current = jsc.broadcast(centres.clone());
      CentreSums sums = assignAll(blocks, current, m);
      current.destroy();
      converged = update(centres, sums, d, tol);
      cost = sums.cost;
      iterations++;
    }
    double[][] out = new double[m][];
    for (int j = 0; j < m; j++) {
      out[j] = Arrays.copyOfRange(centres, j * d, (j + 1) * d);
    }
    return new Lloyd(out, cost, iterations);
  }

  /**
   * Every block's sums per nearest centre, added within each partition and then across partitions
   * in partition order: the same total bit for bit whichever task finishes first (a plain {@code
   * reduce} adds results in the order they arrive, so a fit's last digits, and with {@code tol = 0}
   * its number of iterations, could vary from run to run).
   */
  private static CentreSums assignAll(
      JavaRDD<PointBlock> blocks, Broadcast<double[]> centres, int m) {
    List<CentreSums> partitions =
        blocks
            .mapPartitions(
                it -> {
                  CentreSums sum = null;
                  while (it.hasNext()) {
                    CentreSums b = it.next().assign(centres.value(), m);
                    sum = sum == null ? b : sum.plus(b);
                  }
                  return sum == null ? List.<CentreSums>of().iterator() : List.of(sum).iterator();
                })
            .collect();
    CentreSums total = partitions.get(0);
    for (int i = 1; i < partitions.size(); i++) {
      total.plus(partitions.get(i));
    }
    return total;
  }

  /**
   * Moves each centre that has rows to their weighted mean (an empty one stays where it is);
   * whether every centre moved by at most {@code tol}, Spark's convergence test.
   */
  private static boolean update(double[] centres, CentreSums sums, int d, double tol) {
    boolean converged = true;
    for (int j = 0; j < sums.counts.length; j++) {
      if (sums.counts[j] == 0) {
        continue;
      }
      double moved = 0;
      for (int f = 0; f < d; f++) {
        double next = sums.sums[j * d + f] / sums.counts[j];
        double diff = next - centres[j * d + f];
        moved += diff * diff;
        centres[j * d + f] = next;
      }
      converged &= moved <= tol * tol;
    }
    return converged;
  }

  /** Spark's own model and training summary around the fitted centres. */
  private KMeansModel model(Dataset<?> dataset, Lloyd fitted) {
    Vector[] centres = new Vector[fitted.centres().length];
    for (int j = 0; j < centres.length; j++) {
      centres[j] = Vectors.dense(fitted.centres()[j]);
    }
    var parent =
        new org.apache.spark.mllib.clustering.KMeansModel(
            centres, "euclidean", fitted.cost(), fitted.iterations());
    KMeansModel model = copyValues(new KMeansModel(uid(), parent), ParamMap.empty());
    model.setParent(this);
    model.setSummary(
        Option.apply(
            new KMeansSummary(
                model.transform(dataset),
                getPredictionCol(),
                getFeaturesCol(),
                getK(),
                fitted.iterations(),
                fitted.cost())));
    return model;
  }

  private static double[][] distinct(List<double[]> points) {
    Set<List<Double>> seen = new LinkedHashSet<>();
    List<double[]> out = new ArrayList<>();
    for (double[] p : points) {
      if (seen.add(Arrays.stream(p).boxed().toList())) {
        out.add(p);
      }
    }
    return out.toArray(new double[0][]);
  }

  static double[] flatten(double[][] rows) {
    int d = rows.length == 0 ? 0 : rows[0].length;
    double[] out = new double[rows.length * d];
    for (int j = 0; j < rows.length; j++) {
      System.arraycopy(rows[j], 0, out, j * d, d);
    }
    return out;
  }

  private static double[] min(double[] a, double[] b) {
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = Math.min(a[i], b[i]);
    }
    return out;
  }

  private static double sum(double[] values) {
    double s = 0;
    for (double v : values) {
      s += v;
    }
    return s;
  }
}
