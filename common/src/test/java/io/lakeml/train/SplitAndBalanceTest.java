package io.lakeml.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lakeml.ml.HashSplit;
import io.lakeml.ml.Metric;
import io.lakeml.ml.Split;
import io.lakeml.ml.SplitConfig;
import io.lakeml.model.ClassBalanceSummary;
import io.lakeml.model.ModelMetadata;
import io.lakeml.model.ModelRegistry;
import io.lakeml.pipeline.Jobs;
import io.lakeml.pipeline.LakemlConfig;
import io.lakeml.testing.SparkTestSession;
import io.lakeml.testing.TestRuns;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stratified splits and folds, reproducibility, and class imbalance handling. */
class SplitAndBalanceTest {
  @TempDir static Path dir;
  static Dataset<Row> imbalanced;
  static String data;

  @BeforeAll
  static void writeFixture() {
    imbalanced = TrainFixture.rows(2000, 0.1);
    data = TrainFixture.write(imbalanced, dir.resolve("data"));
  }

  private static double positiveShare(Dataset<Row> rows) {
    Row r =
        rows.agg(functions.avg(functions.expr("CASE WHEN label = 'Y' THEN 1D ELSE 0D END")))
            .first();
    return r.getDouble(0);
  }

  @Test
  void stratifiedSplitKeepsTheClassRatioInEverySplitAndFold() {
    SplitConfig split = new SplitConfig(0.6, 0.2, 0.2, 7, List.of("id"), true);
    Dataset<Row> assigned = HashSplit.assign(imbalanced, split, Optional.of("label")).cache();
    double overall = positiveShare(imbalanced);
    assertThat(overall).isBetween(0.05, 0.2);
    long total = 0;
    for (Split s : Split.values()) {
      Dataset<Row> part = HashSplit.only(assigned, s);
      total += part.count();
      assertThat(positiveShare(part)).as(s.configName()).isCloseTo(overall, within(0.01));
    }
    assertThat(total).isEqualTo(2000);
    Dataset<Row> folded =
        HashSplit.folds(HashSplit.only(assigned, Split.TRAIN), 5, split, Optional.of("label"));
    for (int f = 0; f < 5; f++) {
      Dataset<Row> fold = folded.filter(functions.col(HashSplit.FOLD).equalTo(f));
      assertThat(positiveShare(fold)).as("fold " + f).isCloseTo(overall, within(0.01));
    }
    assignedIsStableUnderRepartitioning(split, assigned);
  }

  private static void assignedIsStableUnderRepartitioning(SplitConfig split, Dataset<Row> a) {
    Dataset<Row> b =
        HashSplit.assign(
            imbalanced.repartition(5).orderBy(functions.rand(1)), split, Optional.of("label"));
    assertThat(a.select("id", HashSplit.COLUMN).exceptAll(b.select("id", HashSplit.COLUMN)).count())
        .isZero();
  }

  @Test
  void sameSeedSameSplitAndSameMetrics() {
    String hocon =
        "features { numeric = [x1, x2], categorical = [cat] }\n"
            + "train { model-name = repro, algorithm = random-forest-classifier, label = label,"
            + " positive-label = Y, params.num-trees = 5, split { seed = 3, key = [id] } }";
    LakemlConfig config = TrainFixture.config(dir.resolve("repro"), data, hocon);
    new TestRuns().run(Jobs.byName("train"), config);
    new TestRuns().run(Jobs.byName("train"), config);
    ModelRegistry registry = TrainFixture.registry(config);
    ModelMetadata first = registry.resolve("repro", "1").metadata();
    ModelMetadata second = registry.resolve("repro", "2").metadata();
    assertThat(second.rows()).isEqualTo(first.rows());
    assertThat(second.testMetrics()).isEqualTo(first.testMetrics());
    assertThat(second.classBalance()).isEqualTo(first.classBalance());
  }

  @Test
  void balancedWeightsRaiseMinorityRecall() {
    String base =
        "features { numeric = [x1, x2], categorical = [cat] }\n"
            + "train { algorithm = logistic-regression, label = label, positive-label = Y,"
            + " params { reg-param = 0.5 }, split { key = [id] } }";
    ModelRegistry registry =
        TrainFixture.trainUnweightedAndWeighted(dir.resolve("w"), data, base).registry();
    double plainRecall = recall(registry.resolve("unweighted", "1").metadata());
    ModelMetadata meta = registry.resolve("weighted", "1").metadata();
    assertThat(recall(meta)).isGreaterThan(plainRecall);
    ClassBalanceSummary balance = meta.classBalance().orElseThrow();
    assertThat(balance.weighting()).isEqualTo(ClassBalanceSummary.Weighting.BALANCED);
    assertThat(balance.weights().get("Y")).isGreaterThan(balance.weights().get("N"));
  }

  @Test
  void downsamplingCapsTheMajorityPerMinorityRowAndIsRecorded() {
    LakemlConfig config =
        TrainFixture.config(
            dir.resolve("d"),
            data,
            "features { numeric = [x1, x2] }\n"
                + "train { model-name = down, algorithm = logistic-regression, label = label,"
                + " positive-label = Y, downsample.max-ratio = 2, split { key = [id] } }");
    new TestRuns().run(Jobs.byName("train"), config);
    ClassBalanceSummary balance =
        TrainFixture.registry(config).resolve("down", "1").metadata().classBalance().orElseThrow();
    Map<String, Long> after = balance.after();
    double ratio = after.get("N").doubleValue() / after.get("Y").doubleValue();
    assertThat(ratio).isBetween(1.6, 2.4);
    assertThat(balance.before().get("N")).isGreaterThan(after.get("N"));
  }

  private static double recall(ModelMetadata meta) {
    return meta.testMetrics().valueOf(Metric.RECALL);
  }

  static {
    SparkTestSession.get();
  }
}
