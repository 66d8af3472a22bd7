package io.lakeml.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.typesafe.config.ConfigFactory;
import io.lakeml.config.ConfigException;
import io.lakeml.config.Settings;
import io.lakeml.ml.DataQualityException;
import io.lakeml.testing.SparkTestSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.Bucketizer;
import org.apache.spark.ml.feature.Imputer;
import org.apache.spark.ml.feature.MinMaxScaler;
import org.apache.spark.ml.feature.OneHotEncoder;
import org.apache.spark.ml.feature.RobustScaler;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FeaturePipelineTest {
  private static final StructType SCHEMA =
      new StructType()
          .add("age", DataTypes.IntegerType)
          .add("amount", DataTypes.DoubleType)
          .add("state", DataTypes.StringType)
          .add("junk", DataTypes.DoubleType)
          .add("label", DataTypes.DoubleType);

  private static Dataset<Row> rows(Object[]... values) {
    return SparkTestSession.get()
        .createDataFrame(List.of(values).stream().map(RowFactory::create).toList(), SCHEMA);
  }

  private static final Dataset<Row> TRAINING =
      rows(
          new Object[] {20, 100.0, "OH", 1.0, 0.0},
          new Object[] {30, 200.0, "OH", 1.0, 1.0},
          new Object[] {40, null, "IL", 1.0, 0.0},
          new Object[] {null, 400.0, "IN", 1.0, 1.0},
          new Object[] {50, 500.0, null, 1.0, 1.0});

  static FeatureConfig config(String hocon) {
    return FeatureConfig.from(Settings.root(ConfigFactory.parseString(hocon)).section("features"));
  }

  private static PipelineModel fit(FeatureConfig config, Dataset<Row> training) {
    return new Pipeline()
        .setStages(FeaturePipeline.stages(config).toArray(PipelineStage[]::new))
        .fit(training);
  }

  private static List<Vector> features(PipelineModel model, Dataset<Row> rows) {
    return model.transform(rows).select("features").collectAsList().stream()
        .map(r -> (Vector) r.get(0))
        .toList();
  }

  @Test
  void imputesScalesAndOneHotEncodesIntoOneVector() {
    FeatureConfig config =
        config(
            "features { numeric = [age, amount, junk], categorical = [state], impute = median,"
                + " scale = none, drop = [junk] }");
    List<Vector> out = features(fit(config, TRAINING), TRAINING);
    // 2 numeric + one-hot of 3 states with one extra bucket for unseen/null, last dropped = 3.
    assertThat(out.get(0).size()).isEqualTo(5);
    // Median of age over training rows (20, 30, 40, 50) imputes the missing age.
    assertThat(out.get(3).apply(0)).isEqualTo(30.0);
    assertThat(out.get(2).apply(1)).isEqualTo(200.0);
  }

  @Test
  void unseenAndNullCategoriesAtScoringTimeAreKeptNotDropped() {
    FeatureConfig config =
        config("features { numeric = [age], categorical = [state], impute = mean }");
    PipelineModel model = fit(config, TRAINING);
    List<Vector> out =
        features(
            model,
            rows(new Object[] {25, 1.0, "TX", 0.0, 0.0}, new Object[] {35, 1.0, null, 0.0, 0.0}));
    assertThat(out).hasSize(2);
    // Neither lights a known state's slot: both fall in the dropped last (unknown) bucket.
    assertThat(out.get(0).toArray()).hasSize(4);
    assertThat(out.get(0).apply(1) + out.get(0).apply(2) + out.get(0).apply(3)).isZero();
    assertThat(out.get(1).apply(1) + out.get(1).apply(2) + out.get(1).apply(3)).isZero();
  }

  @Test
  void mostFrequentImputationFillsAMissingCategoryWithTheTrainingMode() {
    FeatureConfig config =
        config(
            "features { categorical = [state], encode = index, impute { categorical ="
                + " most-frequent } }");
    PipelineModel model = fit(config, TRAINING);
    List<Vector> out = features(model, TRAINING);
    // OH is the most frequent state (index 0 by frequency); the null state (row 5) becomes OH.
    assertThat(out.get(4).apply(0)).isEqualTo(out.get(0).apply(0)).isEqualTo(0.0);
  }

  @Test
  void constantImputationForBothKinds() {
    FeatureConfig config =
        config(
            "features { numeric = [amount], categorical = [state], encode = index, scale = none,"
                + " impute { numeric = constant, numeric-value = -1, categorical = constant,"
                + " categorical-value = \"unknown\" } }");
    PipelineModel model = fit(config, TRAINING);
    List<Vector> out = features(model, TRAINING);
    assertThat(out.get(2).apply(0)).isEqualTo(-1.0);
    // "unknown" is a learned category of its own, not the unseen bucket (index 4 = 4 labels).
    assertThat(out.get(4).apply(1)).isLessThan(4.0);
  }

  @Test
  void fixedBoundaryBinsAreTheAgeRateGroups() {
    FeatureConfig config =
        config(
            "features { numeric = [age], encode = index, impute = median,"
                + " bin = [ { column = age, boundaries = [25, 30, 45, 60] } ] }");
    Dataset<Row> ages =
        rows(
            new Object[] {20, 0.0, "OH", 0.0, 0.0},
            new Object[] {27, 0.0, "OH", 0.0, 0.0},
            new Object[] {30, 0.0, "OH", 0.0, 0.0},
            new Object[] {50, 0.0, "OH", 0.0, 0.0},
            new Object[] {70, 0.0, "OH", 0.0, 0.0});
    List<Vector> out = features(fit(config, ages), ages);
    assertThat(out.stream().map(v -> v.apply(0)).toList()).containsExactly(0.0, 1.0, 2.0, 3.0, 4.0);
  }

  @Test
  void quantileBinsSplitTheTrainingRowsEvenly() {
    FeatureConfig config =
        config(
            "features { numeric = [amount], encode = index,"
                + " bin = [ { column = amount, quantiles = 2 } ] }");
    Dataset<Row> amounts =
        rows(
            new Object[] {0, 1.0, "OH", 0.0, 0.0},
            new Object[] {0, 2.0, "OH", 0.0, 0.0},
            new Object[] {0, 3.0, "OH", 0.0, 0.0},
            new Object[] {0, 4.0, "OH", 0.0, 0.0});
    List<Double> bins =
        features(fit(config, amounts), amounts).stream().map(v -> v.apply(0)).toList();
    // Two bins learned from the data, cut at the median (a boundary value opens the upper bin).
    assertThat(bins).isSorted().containsOnly(0.0, 1.0).contains(0.0, 1.0);
  }

  @Test
  void robustScalingCentresOnTheMedianAndDividesByTheInterquartileRange() {
    FeatureConfig config = config("features { numeric = [amount], scale = robust }");
    Dataset<Row> amounts =
        rows(
            new Object[] {0, 1.0, "OH", 0.0, 0.0},
            new Object[] {0, 2.0, "OH", 0.0, 0.0},
            new Object[] {0, 3.0, "OH", 0.0, 0.0},
            new Object[] {0, 4.0, "OH", 0.0, 0.0},
            new Object[] {0, 1000.0, "OH", 0.0, 0.0});
    List<Vector> out = features(fit(config, amounts), amounts);
    // Median 3, quartiles 2 and 4: the outlier does not stretch the scale of the others.
    assertThat(out.get(2).apply(0)).isEqualTo(0.0);
    assertThat(out.get(3).apply(0)).isCloseTo(0.5, within(1e-12));
  }

  @Test
  void derivedColumnsAreComputedInsideTheModel() {
    FeatureConfig config =
        config(
            "features { scale = none, derived = ["
                + " { name = per_year, expr = \"amount / age\" },"
                + " { name = big, expr = \"CASE WHEN amount > 250 THEN 'yes' ELSE 'no' END\","
                + " type = categorical } ], encode = index }");
    assertThat(config.inputColumns()).containsExactly("amount", "age");
    Dataset<Row> one =
        rows(new Object[] {20, 100.0, "OH", 0.0, 0.0}, new Object[] {10, 400.0, "OH", 0.0, 0.0});
    List<Vector> out = features(fit(config, one), one);
    assertThat(out.get(0).apply(0)).isEqualTo(5.0);
    assertThat(out.get(1).apply(0)).isEqualTo(40.0);
    assertThat(out.get(0).apply(1)).isNotEqualTo(out.get(1).apply(1));
  }

  @Test
  void varianceThresholdDropsAConstantFeature() {
    FeatureConfig config =
        config(
            "features { numeric = [amount, junk], scale = none, select { variance-threshold ="
                + " 0.0 } }");
    Dataset<Row> data = TRAINING.na().fill(300.0, new String[] {"amount"});
    List<Vector> out = features(fit(config, data), data);
    assertThat(out.get(0).size()).isEqualTo(1);
    assertThat(out.get(1).apply(0)).isEqualTo(200.0);
  }

  @Test
  void chiSquareSelectionKeepsTheFeatureThatPredictsTheLabel() {
    FeatureConfig config =
        config(
            "features { categorical = [state], numeric = [junk], encode = index, scale = none,"
                + " select { univariate { test = chi-square, mode = top, value = 1 } } }");
    Dataset<Row> data =
        rows(
            new Object[] {0, 0.0, "OH", 1.0, 1.0},
            new Object[] {0, 0.0, "OH", 2.0, 1.0},
            new Object[] {0, 0.0, "OH", 1.0, 1.0},
            new Object[] {0, 0.0, "IL", 2.0, 0.0},
            new Object[] {0, 0.0, "IL", 1.0, 0.0},
            new Object[] {0, 0.0, "IL", 2.0, 0.0});
    PipelineModel model = fit(config, data);
    List<Vector> out = features(model, data);
    assertThat(out.get(0).size()).isEqualTo(1);
    // The kept feature is the state index (one value per state), not the noise column.
    List<Double> kept = out.stream().map(v -> v.apply(0)).toList();
    assertThat(kept.subList(0, 3)).containsOnly(kept.get(0));
    assertThat(kept.subList(3, 6)).containsOnly(kept.get(3));
    assertThat(kept.get(0)).isNotEqualTo(kept.get(3));
  }

  @Test
  void pcaWithATargetVarianceKeepsTheSmallestSufficientK() {
    FeatureConfig config =
        config(
            "features { numeric = [age, amount], scale = none, pca { explained-variance = 0.99 }"
                + " }");
    // amount = 10 × age exactly: one component carries all the variance.
    Dataset<Row> data =
        rows(
            new Object[] {1, 10.0, "OH", 0.0, 0.0},
            new Object[] {2, 20.0, "OH", 0.0, 0.0},
            new Object[] {3, 30.0, "OH", 0.0, 0.0},
            new Object[] {5, 50.0, "OH", 0.0, 0.0});
    assertThat(features(fit(config, data), data).get(0).size()).isEqualTo(1);
    FeatureConfig fixed =
        config("features { numeric = [age, amount], scale = none, pca { k = 2 } }");
    assertThat(features(fit(fixed, data), data).get(0).size()).isEqualTo(2);
  }

  @Test
  void componentsForTargetCountsCumulativeShares() {
    assertThat(VariancePca.componentsFor(new double[] {0.6, 0.3, 0.1}, 0.9)).isEqualTo(2);
    assertThat(VariancePca.componentsFor(new double[] {0.6, 0.3, 0.1}, 0.95)).isEqualTo(3);
    assertThat(VariancePca.componentsFor(new double[] {0.6, 0.3, 0.1}, 0.5)).isEqualTo(1);
  }

  @Test
  void anAllNullFeatureFailsBeforeFittingNamingIt() {
    FeatureConfig config = config("features { numeric = [age, amount] }");
    Dataset<Row> data =
        TRAINING.withColumn("amount", org.apache.spark.sql.functions.lit(null).cast("double"));
    assertThatThrownBy(() -> FeaturePipeline.checkFeatureValues(data, config))
        .isInstanceOf(DataQualityException.class)
        .hasMessage(
            "feature [amount] is null in every training row; drop it (features.drop) or fix the"
                + " input");
  }

  @Test
  void aNonFiniteFeatureFailsBeforeFittingNamingItAndItsRows() {
    FeatureConfig config = config("features { numeric = [age, amount] }");
    Dataset<Row> data =
        TRAINING.withColumn(
            "amount",
            org.apache.spark.sql.functions.expr(
                "CASE WHEN age > 40 THEN double('NaN') WHEN age > 35 THEN double('Infinity') ELSE amount END"));
    long bad = data.filter("age > 35").count();
    assertThatThrownBy(() -> FeaturePipeline.checkFeatureValues(data, config))
        .isInstanceOf(DataQualityException.class)
        .hasMessageContaining("features hold NaN or infinite values: [amount (" + bad + " rows)]");
  }

  @Test
  void aSavedFeaturePipelineLoadsWithPlainSparkAndGivesTheSameVectors(@TempDir Path dir)
      throws Exception {
    FeatureConfig config =
        config(
            "features { numeric = [age, amount], categorical = [state], scale = robust,"
                + " impute { numeric = median, categorical = most-frequent },"
                + " derived = [ { name = per_year, expr = \"amount / age\" } ],"
                + " bin = [ { column = age, boundaries = [25, 45] } ],"
                + " pca { explained-variance = 0.9 } }");
    PipelineModel model = fit(config, TRAINING);
    String path = dir.resolve("m").toUri().toString();
    model.write().overwrite().save(path);
    PipelineModel loaded = PipelineModel.load(path);
    assertThat(features(loaded, TRAINING)).isEqualTo(features(model, TRAINING));
    assertThat(Files.exists(dir.resolve("m/stages"))).isTrue();
  }

  /**
   * The vectors equal, bit for bit, those of Spark's own chain of stages that {@link
   * FeatureAssembler} replaces (assembler → scaler, one-hot encoder, assembler), for every scaling,
   * with a constant column, missing values, unseen categories and bins.
   */
  @ParameterizedTest
  @ValueSource(strings = {"standard", "min-max", "robust", "none"})
  void featureVectorsEqualSparksOwnScalerEncoderAndAssemblerChain(String scale) {
    FeatureConfig config =
        config(
            "features { numeric = [age, amount, junk], categorical = [state], scale = "
                + scale
                + ", impute = median, bin = [ { column = age, boundaries = [25, 45] } ] }");
    Dataset<Row> training =
        TRAINING.union(
            rows(
                new Object[] {61, 1234.5678, "IL", 1.0, 0.0},
                new Object[] {33, 0.001, "OH", 1.0, 1.0},
                new Object[] {27, 98765.4321, "IN", 1.0, 0.0}));
    PipelineModel fitted = fit(config, training);
    Dataset<Row> scoring =
        training.union(
            rows(
                new Object[] {99, -3.25, "TX", 1.0, 0.0},
                new Object[] {null, null, null, 1.0, 0.0}));

    List<PipelineStage> chain = new ArrayList<>();
    chain.add(
        new Imputer()
            .setStrategy("median")
            .setInputCols(new String[] {"age", "amount", "junk"})
            .setOutputCols(new String[] {"_i_age", "_i_amount", "_i_junk"}));
    chain.add(
        new VectorAssembler()
            .setInputCols(new String[] {"_i_amount", "_i_junk"})
            .setOutputCol("_num"));
    String numeric = "_num";
    if (!scale.equals("none")) {
      numeric = "_scaled";
      chain.add(
          switch (scale) {
            case "standard" ->
                new StandardScaler()
                    .setWithMean(true)
                    .setWithStd(true)
                    .setInputCol("_num")
                    .setOutputCol(numeric);
            case "robust" ->
                new RobustScaler().setWithCentering(true).setInputCol("_num").setOutputCol(numeric);
            default -> new MinMaxScaler().setInputCol("_num").setOutputCol(numeric);
          });
    }
    chain.add(
        new Bucketizer()
            .setSplits(new double[] {Double.NEGATIVE_INFINITY, 25, 45, Double.POSITIVE_INFINITY})
            .setInputCol("_i_age")
            .setOutputCol("_b_age"));
    chain.add(
        new StringIndexer()
            .setInputCol("state")
            .setOutputCol("_x_state")
            .setStringOrderType("frequencyDesc")
            .setHandleInvalid("keep"));
    chain.add(
        new OneHotEncoder()
            .setInputCols(new String[] {"_b_age", "_x_state"})
            .setOutputCols(new String[] {"_o_age", "_o_state"})
            .setDropLast(true));
    chain.add(
        new VectorAssembler()
            .setInputCols(new String[] {numeric, "_o_age", "_o_state"})
            .setOutputCol("features"));
    PipelineModel spark =
        new Pipeline().setStages(chain.toArray(PipelineStage[]::new)).fit(training);

    List<double[]> ours = features(fitted, scoring).stream().map(Vector::toArray).toList();
    List<double[]> theirs = features(spark, scoring).stream().map(Vector::toArray).toList();
    assertThat(ours).hasSize(scoring.collectAsList().size());
    for (int i = 0; i < ours.size(); i++) {
      assertThat(ours.get(i)).as("row %d, scale %s", i, scale).isEqualTo(theirs.get(i));
    }
  }

  @Test
  void configMistakesNameTheKey() {
    assertThatThrownBy(
            () ->
                config(
                    "features { numeric = [age], bin = [ { column = amount, quantiles = 3 } ] }"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("features.bin")
        .hasMessageContaining("amount");
    assertThatThrownBy(
            () ->
                config(
                    "features { numeric = [age], bin = [ { column = age, boundaries = [30, 25] } ] }"))
        .hasMessageContaining("features.bin[0].boundaries")
        .hasMessageContaining("strictly increasing");
    assertThatThrownBy(
            () -> config("features { numeric = [age], pca { k = 2, explained-variance = 0.9 } }"))
        .hasMessageContaining("features.pca.k");
    assertThatThrownBy(() -> config("features { numeric = [age], scale = log }"))
        .hasMessageContaining("features.scale")
        .hasMessageContaining("robust");
    assertThatThrownBy(
            () -> config("features { derived = [ { name = x, expr = \"amount / \" } ] }"))
        .hasMessageContaining("features.derived[0].expr");
  }
}
