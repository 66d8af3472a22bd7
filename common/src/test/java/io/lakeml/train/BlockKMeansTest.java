package io.lakeml.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lakeml.testing.SparkTestSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lakeml's k-means against MLlib's: the same Lloyd iterations from the same centres, the same
 * clusters from its own initialisation, weights, determinism, and a fitted form that is Spark's own
 * model. Three blobs of 4 features, 1,500 rows in 3 partitions, blocks of about 300 rows so every
 * partition holds several.
 */
class BlockKMeansTest {
  @TempDir static Path dir;
  static Dataset<Row> rows;
  static final double BLOCK_MB = 0.01;

  /**
   * Converged once no centre moves by more than this: with 0, MLlib's own iteration count depends
   * on the order its shuffle adds partial sums (the last bits of a mean), not on the clusters.
   */
  static final double TOL = 1e-9;

  @BeforeAll
  static void blobs() {
    Random random = new Random(7);
    double[][] means = {{0, 0, 0, 0}, {6, 6, 0, 1}, {-5, 4, 8, 2}};
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < 1_500; i++) {
      double[] x = means[i % 3].clone();
      for (int f = 0; f < x.length; f++) {
        x[f] += random.nextGaussian();
      }
      // Weights 1 to 3, for the weighted case; the others ignore the column.
      out.add(RowFactory.create(i, Vectors.dense(x), (double) (1 + i % 3)));
    }
    StructType schema =
        new StructType()
            .add("id", DataTypes.IntegerType)
            .add("features", SQLDataTypes.VectorType())
            .add("w", DataTypes.DoubleType);
    rows = SparkTestSession.get().createDataFrame(out, schema).repartition(3).cache();
  }

  @Test
  void lloydFromTheSameCentresEqualsMllibsRowSolver() {
    // Poor starting centres (three rows of one blob) so the iterations do work.
    double[][] initial = blobZeroRows();
    BlockKMeans.Lloyd block = lloyd(smallBlocks(), initial, 8);

    org.apache.spark.mllib.linalg.Vector[] start = new org.apache.spark.mllib.linalg.Vector[3];
    for (int j = 0; j < 3; j++) {
      start[j] = org.apache.spark.mllib.linalg.Vectors.dense(initial[j]);
    }
    var mllib =
        new org.apache.spark.mllib.clustering.KMeans()
            .setK(3)
            .setMaxIterations(8)
            .setEpsilon(TOL)
            .setInitialModel(new org.apache.spark.mllib.clustering.KMeansModel(start))
            .run(
                rows.select("features")
                    .toJavaRDD()
                    .map(r -> org.apache.spark.mllib.linalg.Vectors.fromML((Vector) r.get(0)))
                    .rdd());

    assertThat(block.iterations()).isEqualTo(mllib.numIter());
    assertThat(block.cost()).isCloseTo(mllib.trainingCost(), within(1e-9 * mllib.trainingCost()));
    for (int j = 0; j < 3; j++) {
      assertThat(block.centres()[j])
          .containsExactly(mllib.clusterCenters()[j].toArray(), within(1e-9));
    }
  }

  @Test
  void itsOwnInitialisationFindsMllibsClustersAndFitsSparksModelClass() throws Exception {
    KMeansModel lakeml = configure(new BlockKMeans()).fit(rows);
    KMeansModel spark = configure(new KMeans().setSolver("row")).fit(rows);

    assertThat(lakeml.getClass()).isEqualTo(KMeansModel.class);
    double cost = spark.summary().trainingCost();
    assertThat(lakeml.summary().trainingCost()).isCloseTo(cost, within(1e-6 * cost));
    assertThat(sorted(lakeml)).isDeepEqualTo(sorted(spark));
    assertThat(lakeml.summary().clusterSizes()).containsExactlyInAnyOrder(500L, 500L, 500L);

    // Saved and loaded with plain Spark: the same assignments.
    String path = dir.resolve("kmeans").toString();
    lakeml.write().save(path);
    KMeansModel loaded = KMeansModel.load(path);
    assertThat(loaded.transform(rows).select("prediction").collectAsList())
        .isEqualTo(lakeml.transform(rows).select("prediction").collectAsList());
  }

  @Test
  void theSameSeedGivesTheSameCentresAndWeightsCountLikeRepeatedRows() {
    BlockKMeans estimator = configure(new BlockKMeans());
    assertThat(sorted(estimator.fit(rows))).isDeepEqualTo(sorted(estimator.fit(rows)));

    // Lloyd with weight w per row equals Lloyd on the rows repeated w times.
    double[][] initial = blobZeroRows();
    BlockKMeans weighted = smallBlocks();
    weighted.setWeightCol("w");
    Dataset<Row> repeated =
        rows.selectExpr("features", "explode(sequence(1, cast(w as int))) as copy")
            .select("features");
    BlockKMeans.Lloyd byWeight = lloyd(weighted, initial, 5);
    BlockKMeans.Lloyd byCopies =
        BlockKMeans.lloyd(jsc(), blocksOf(smallBlocks(), repeated), initial, 5, TOL);
    assertThat(byWeight.cost()).isCloseTo(byCopies.cost(), within(1e-9 * byCopies.cost()));
    for (int j = 0; j < 3; j++) {
      assertThat(byWeight.centres()[j]).containsExactly(byCopies.centres()[j], within(1e-9));
    }
  }

  @Test
  void cosineDistanceIsLeftToSparksSolver() {
    KMeansModel model = configure(new BlockKMeans()).setDistanceMeasure("cosine").fit(rows);
    assertThat(model.getDistanceMeasure()).isEqualTo("cosine");
    assertThat(model.clusterCenters()).hasSize(3);
  }

  private static BlockKMeans smallBlocks() {
    BlockKMeans estimator = new BlockKMeans();
    estimator.setMaxBlockSizeInMB(BLOCK_MB);
    return estimator;
  }

  private static <T extends KMeans> T configure(T kmeans) {
    kmeans.setK(3).setMaxIter(30).setTol(0).setSeed(11).setMaxBlockSizeInMB(BLOCK_MB);
    return kmeans;
  }

  private static BlockKMeans.Lloyd lloyd(
      BlockKMeans estimator, double[][] initial, int iterations) {
    return BlockKMeans.lloyd(jsc(), blocksOf(estimator, rows), initial, iterations, TOL);
  }

  private static JavaRDD<PointBlock> blocksOf(BlockKMeans estimator, Dataset<Row> data) {
    return estimator.blocks(data).cache();
  }

  private static JavaSparkContext jsc() {
    return JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext());
  }

  private static double[][] blobZeroRows() {
    return rows.where("id in (0, 3, 6)").orderBy("id").select("features").collectAsList().stream()
        .map(r -> ((Vector) r.get(0)).toArray())
        .toArray(double[][]::new);
  }

  /** Centres in a fixed order (by first coordinate), rounded to 1e-6. */
  private static double[][] sorted(KMeansModel model) {
    return Arrays.stream(model.clusterCenters())
        .map(v -> Arrays.stream(v.toArray()).map(x -> Math.round(x * 1e6) / 1e6).toArray())
        .sorted(Comparator.comparingDouble(c -> c[0]))
        .toArray(double[][]::new);
  }
}
