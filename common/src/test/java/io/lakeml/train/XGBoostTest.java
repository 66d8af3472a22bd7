package io.lakeml.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeml.config.ConfigException;
import io.lakeml.ml.Metric;
import io.lakeml.model.ModelMetadata;
import io.lakeml.model.ModelRegistry;
import io.lakeml.run.RunManifest;
import io.lakeml.testing.SparkTestSession;
import java.nio.file.Path;
import java.util.Map;
import ml.dmlc.xgboost4j.scala.spark.XGBoostClassificationModel;
import org.apache.spark.ml.PipelineModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * XGBoost through the train job: its barrier stage's needs checked before training, class weights,
 * early stopping on the validation split. (Training, saving and reloading each task is in {@link
 * AlgorithmsTest}.)
 */
class XGBoostTest {
  @TempDir static Path dir;
  static String data;

  @BeforeAll
  static void writeFixture() {
    data = TrainFixture.write(TrainFixture.rows(1_500, 0.08), dir.resolve("data"));
  }

  /** The classifier's parameters as a configuration without {@code params} gives them. */
  private static final Map<String, Object> PARAMS = defaults(Algorithm.XGBOOST_CLASSIFIER);

  @Test
  void dynamicAllocationIsRefusedNamingTheSetting() {
    assertThatThrownBy(
            () -> BarrierTraining.resolve("true", () -> 4, Algorithm.XGBOOST_CLASSIFIER, PARAMS))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("spark.dynamicAllocation.enabled")
        .hasMessageContaining("--conf spark.dynamicAllocation.enabled=false");
  }

  @Test
  void moreWorkersThanTaskSlotsFailNamingBothNumbers() {
    Map<String, Object> five = new java.util.HashMap<>(PARAMS);
    five.put("num-workers", 5);
    assertThatThrownBy(
            () ->
                BarrierTraining.resolve(SparkTestSession.get(), Algorithm.XGBOOST_CLASSIFIER, five))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("train.params.num-workers")
        .hasMessageContaining("got: 5")
        .hasMessageContaining("at most the application's 2 task slots");
  }

  @Test
  void zeroWorkersMeansEveryTaskSlotAndOtherAlgorithmsAreLeftAlone() {
    assertThat(
            BarrierTraining.resolve(SparkTestSession.get(), Algorithm.XGBOOST_CLASSIFIER, PARAMS)
                .get("num-workers"))
        .isEqualTo(2);
    assertThat(BarrierTraining.resolve("true", () -> 0, Algorithm.GBT_CLASSIFIER, Map.of()))
        .isEmpty();
  }

  @Test
  void earlyStoppingNeedsAValidationSplitAndNoSearch() {
    String base =
        "features.numeric = [x1]\n"
            + "train { model-name = m, algorithm = xgboost-classifier, label = label,"
            + " positive-label = Y, params.num-early-stopping-rounds = 5, split.key = [id] }";
    assertThatThrownBy(() -> TrainFixture.config(dir.resolve("c"), data, base))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("train.params.num-early-stopping-rounds")
        .hasMessageContaining("train.split.validation");
    assertThatThrownBy(
            () ->
                TrainFixture.config(
                    dir.resolve("c"),
                    data,
                    base,
                    "train.split.validation=0.2",
                    "train.split.train=0.6",
                    "train.search.space.max-depth=[2,3]"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("search num-round instead");
  }

  @Test
  void balancedWeightsRaiseMinorityRecallAndEarlyStoppingStopsBeforeTheLastRound() {
    String base =
        "features { numeric = [x1, x2], categorical = [cat] }\n"
            + "train { algorithm = xgboost-classifier, label = label, positive-label = Y,"
            + " params { num-round = 300, max-depth = 2, eta = 0.3, num-early-stopping-rounds = 5 },"
            + " split { train = 0.6, validation = 0.2, test = 0.2, key = [id] } }";
    TrainFixture.WeightedPair pair =
        TrainFixture.trainUnweightedAndWeighted(dir.resolve("w"), data, base);
    assertThat(pair.unweighted().status()).isEqualTo(RunManifest.Status.SUCCEEDED);
    ModelRegistry registry = pair.registry();
    ModelRegistry.Version unweighted = registry.resolve("unweighted", "1");
    ModelMetadata meta = registry.resolve("weighted", "1").metadata();
    assertThat(recall(meta)).isGreaterThan(recall(unweighted.metadata()));
    assertThat(meta.params()).containsEntry("num-workers", 2);

    PipelineModel loaded = unweighted.load();
    XGBoostClassificationModel xgb =
        (XGBoostClassificationModel) loaded.stages()[loaded.stages().length - 1];
    assertThat(xgb.nativeBooster().getNumBoostedRound())
        .as("rounds kept after early stopping")
        .isBetween(1L, 299L);
  }

  private static double recall(ModelMetadata meta) {
    return meta.testMetrics().valueOf(Metric.RECALL);
  }

  private static Map<String, Object> defaults(Algorithm algorithm) {
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    algorithm.params().forEach(p -> out.put(p.name(), p.defaultValue()));
    return out;
  }
}
