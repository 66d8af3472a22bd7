import dev.ludovic.netlib.blas.BLAS;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.mllib.clustering.KMeans;
import org.apache.spark.mllib.clustering.KMeansModel;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Prototype for issue 20's k-means target (bench only, not lakeml): Lloyd iterations over rows
 * kept as one row-major {@code double[]} per block of 4,096 rows, distances for a block computed
 * as one matrix product (‖x‖² − 2·X·Cᵀ + ‖c‖², dgemm through Spark's own netlib), beside MLlib's
 * k-means from the same initial centres (the first k rows) on the same cached vectors. Prints the
 * time to build each cache, the median iteration and the final cost of both.
 *
 * <p>Usage: {@code BlockLloyd <rows> <k> <iterations>}
 */
public final class BlockLloyd {
  static final int BLOCK = 4096;

  /** One block: rows × d values, row-major, and each row's squared norm. */
  static final class Block implements java.io.Serializable {
    final int rows;
    final int d;
    final double[] values;
    final double[] norms;

    Block(int rows, int d, double[] values, double[] norms) {
      this.rows = rows;
      this.d = d;
      this.values = values;
      this.norms = norms;
    }

    int rows() { return rows; }
    int d() { return d; }
    double[] values() { return values; }
    double[] norms() { return norms; }
  }

  /** A pass's sums per centre, counts and cost. */
  /** (Classes, not records: Spark's Kryo cannot build records.) */
  static final class Sums implements java.io.Serializable {
    final double[] sums;
    final long[] counts;
    final double cost;

    Sums(double[] sums, long[] counts, double cost) {
      this.sums = sums;
      this.counts = counts;
      this.cost = cost;
    }

    double[] sums() { return sums; }
    long[] counts() { return counts; }
    double cost() { return cost; }

    Sums plus(Sums o) {
      double[] s = sums.clone();
      long[] c = counts.clone();
      for (int i = 0; i < s.length; i++) {
        s[i] += o.sums[i];
      }
      for (int i = 0; i < c.length; i++) {
        c[i] += o.counts[i];
      }
      return new Sums(s, c, cost + o.cost);
    }
  }

  public static void main(String[] args) {
    long rows = Long.parseLong(args[0]);
    int k = Integer.parseInt(args[1]);
    int iterations = Integer.parseInt(args[2]);
    SparkSession spark = SparkSession.builder().appName("block-lloyd").getOrCreate();
    Dataset<Row> data = TrainBench.DenseRows.of(spark, 0, rows);
    int d = TrainBench.DenseRows.FEATURES;
    System.out.println("BLAS " + BLAS.getInstance().getClass().getName());

    long t0 = System.nanoTime();
    JavaRDD<Block> blocks =
        data.select("features").javaRDD().mapPartitions((FlatMapFunction<Iterator<Row>, Block>) it -> blocks(it, d))
            .persist(StorageLevel.MEMORY_AND_DISK());
    blocks.count();
    double cacheBlocks = seconds(t0);
    List<Row> first = data.select("features").limit(k).collectAsList();
    double[] centres = new double[k * d];
    for (int i = 0; i < k; i++) {
      System.arraycopy(((Vector) first.get(i).get(0)).toArray(), 0, centres, i * d, d);
    }
    double[] initial = centres.clone();

    List<Long> millis = new ArrayList<>();
    double cost = 0;
    long fitStart = System.nanoTime();
    for (int it = 0; it < iterations; it++) {
      long s = System.nanoTime();
      Broadcast<double[]> c = spark.sparkContext().broadcast(centres, scala.reflect.ClassTag$.MODULE$.apply(double[].class));
      int kk = k;
      Sums sums = blocks.map(b -> assign(b, c.value(), kk)).reduce(Sums::plus);
      c.destroy();
      cost = sums.cost();
      for (int j = 0; j < k; j++) {
        if (sums.counts()[j] > 0) {
          for (int f = 0; f < d; f++) {
            centres[j * d + f] = sums.sums()[j * d + f] / sums.counts()[j];
          }
        }
      }
      millis.add((System.nanoTime() - s) / 1_000_000);
    }
    double fit = seconds(fitStart);
    // The cost of the last centres (sums.cost is of the centres before the last update).
    Broadcast<double[]> last = spark.sparkContext().broadcast(centres, scala.reflect.ClassTag$.MODULE$.apply(double[].class));
    int kk = k;
    cost = blocks.map(b -> assign(b, last.value(), kk)).reduce(Sums::plus).cost();

    long m0 = System.nanoTime();
    var rdd = data.select("features").javaRDD().map(r -> Vectors.fromML((Vector) r.get(0))).rdd().persist(StorageLevel.MEMORY_AND_DISK());
    rdd.count();
    double cacheVectors = seconds(m0);
    org.apache.spark.mllib.linalg.Vector[] init = new org.apache.spark.mllib.linalg.Vector[k];
    for (int i = 0; i < k; i++) {
      init[i] = Vectors.dense(Arrays.copyOfRange(initial, i * d, (i + 1) * d));
    }
    long m1 = System.nanoTime();
    KMeansModel mllib = new KMeans().setK(k).setMaxIterations(iterations).setEpsilon(0).setInitialModel(new KMeansModel(init)).run(rdd);
    double mllibFit = seconds(m1);
    double mllibCost = mllib.computeCost(rdd);
    List<Long> sorted = new ArrayList<>(millis);
    sorted.sort(Long::compare);
    System.out.printf(Locale.ROOT,
        "LLOYD rows=%d k=%d iterations=%d block_cache_s=%.2f block_fit_s=%.2f block_median_iteration_ms=%d block_cost=%.6f"
            + " mllib_vector_cache_s=%.2f mllib_fit_s=%.2f mllib_cost=%.6f relative_cost_difference=%.2e%n",
        rows, k, iterations, cacheBlocks, fit, sorted.get(sorted.size() / 2), cost, cacheVectors, mllibFit, mllibCost,
        Math.abs(cost - mllibCost) / mllibCost);
    spark.stop();
  }

  static Iterator<Block> blocks(Iterator<Row> it, int d) {
    List<Block> out = new ArrayList<>();
    double[] values = new double[BLOCK * d];
    double[] norms = new double[BLOCK];
    int n = 0;
    while (it.hasNext()) {
      double[] x = ((Vector) it.next().get(0)).toArray();
      System.arraycopy(x, 0, values, n * d, d);
      double s = 0;
      for (double v : x) {
        s += v * v;
      }
      norms[n++] = s;
      if (n == BLOCK) {
        out.add(new Block(n, d, values, norms));
        values = new double[BLOCK * d];
        norms = new double[BLOCK];
        n = 0;
      }
    }
    if (n > 0) {
      out.add(new Block(n, d, Arrays.copyOf(values, n * d), Arrays.copyOf(norms, n)));
    }
    return out.iterator();
  }

  /** Nearest centre of every row of a block by one matrix product; the block's sums. */
  static Sums assign(Block b, double[] centres, int k) {
    int d = b.d();
    double[] cn = new double[k];
    for (int j = 0; j < k; j++) {
      double s = 0;
      for (int f = 0; f < d; f++) {
        s += centres[j * d + f] * centres[j * d + f];
      }
      cn[j] = s;
    }
    // dots (k × rows, column-major) = C (k × d) · Xᵀ: X row-major is Xᵀ column-major (d × rows).
    double[] dots = new double[k * b.rows()];
    BLAS.getInstance().dgemm("T", "N", k, b.rows(), d, 1.0, centres, d, b.values(), d, 0.0, dots, k);
    double[] sums = new double[k * d];
    long[] counts = new long[k];
    double cost = 0;
    for (int r = 0; r < b.rows(); r++) {
      int best = 0;
      double bestDistance = Double.MAX_VALUE;
      for (int j = 0; j < k; j++) {
        double distance = b.norms()[r] - 2 * dots[r * k + j] + cn[j];
        if (distance < bestDistance) {
          bestDistance = distance;
          best = j;
        }
      }
      counts[best]++;
      cost += Math.max(bestDistance, 0);
      int off = r * d;
      for (int f = 0; f < d; f++) {
        sums[best * d + f] += b.values()[off + f];
      }
    }
    return new Sums(sums, counts, cost);
  }

  static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
