package io.lakeml.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakeml.io.LakeFiles;
import io.lakeml.ml.Metric;
import io.lakeml.model.ModelMetadata;
import io.lakeml.model.ModelRegistry;
import io.lakeml.model.SearchSummary;
import io.lakeml.pipeline.Jobs;
import io.lakeml.pipeline.LakemlConfig;
import io.lakeml.testing.SparkTestSession;
import io.lakeml.testing.TestRuns;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Grid and random search with cross-validation or a validation split, and k chosen for k-means. */
class SearchTest {
  @TempDir static Path dir;
  static String data;

  @BeforeAll
  static void writeFixture() {
    data = TrainFixture.write(TrainFixture.rows(600, 0.3), dir.resolve("data"));
  }

  private static ModelRegistry.Version train(String name, String hocon) {
    LakemlConfig config = TrainFixture.config(dir.resolve("lake"), data, hocon);
    new TestRuns().run(Jobs.byName("train"), config);
    return TrainFixture.registry(config).resolve(name, ModelRegistry.LATEST);
  }

  private static String searchTable(ModelRegistry.Version v) {
    return LakeFiles.of(SparkTestSession.get()).readString(v.path() + "/search.csv");
  }

  @Test
  void gridSearchWithCrossValidationRecordsEveryCandidateAndRefitsTheBest() {
    ModelRegistry.Version v =
        train(
            "grid",
            "features { numeric = [x1, x2], categorical = [cat] }\n"
                + "train { model-name = grid, algorithm = logistic-regression, label = label,"
                + " positive-label = Y, split { key = [id] },"
                + " search { folds = 3, metric = roc_auc,"
                + " space { reg-param = [0.0, 0.1, 10.0], max-iter = [5, 50] } } }");
    ModelMetadata meta = v.metadata();
    SearchSummary search = meta.search().orElseThrow();
    assertThat(search.method()).isEqualTo(SearchSummary.Method.GRID);
    assertThat(search.folds()).hasValue(3);
    assertThat(search.candidates()).isEqualTo(6);
    assertThat(search.metric()).isEqualTo(Metric.ROC_AUC);
    Map<String, Object> best = search.bestParams();
    // A penalty of 10 flattens the model; the best candidate is never that one.
    assertThat(((Number) best.get("reg-param")).doubleValue()).isLessThan(10.0);
    assertThat(((Number) meta.params().get("reg-param")).doubleValue())
        .isEqualTo(((Number) best.get("reg-param")).doubleValue());

    List<String> lines = searchTable(v).lines().toList();
    assertThat(lines).hasSize(7);
    assertThat(lines.get(0))
        .startsWith("candidate,rank,max-iter,reg-param")
        .contains("mean_roc_auc,std_roc_auc");
    assertThat(lines.stream().filter(l -> l.split(",")[1].equals("1")).count()).isEqualTo(1);
  }

  @Test
  void randomSearchOnTheValidationSplitDrawsWithinTheRanges() {
    ModelMetadata meta =
        train(
                "random",
                "features { numeric = [x1, x2], categorical = [cat] }\n"
                    + "train { model-name = random, algorithm = gbt-classifier, label = label,"
                    + " positive-label = Y, split { train = 0.6, validation = 0.2, test = 0.2,"
                    + " key = [id] }, search { method = random, candidates = 3, validation = split,"
                    + " metric = pr_auc, space { max-depth = { min = 2, max = 4 },"
                    + " step-size = { min = 0.05, max = 0.5, log = true }, max-iter = [5] } } }")
            .metadata();
    SearchSummary search = meta.search().orElseThrow();
    assertThat(search.method()).isEqualTo(SearchSummary.Method.RANDOM);
    assertThat(search.validation()).isEqualTo(SearchSummary.Validation.SPLIT);
    assertThat(search.candidates()).isEqualTo(3);
    Map<String, Object> best = search.bestParams();
    assertThat(((Number) best.get("max-depth")).intValue()).isBetween(2, 4);
    assertThat(((Number) best.get("step-size")).doubleValue()).isBetween(0.05, 0.5);
    assertThat(meta.validationMetrics()).isPresent();
  }

  @Test
  void kMeansOverARangeOfKPicksTheSeparatedClustersBySilhouette() {
    String blobs =
        TrainFixture.write(
            SparkTestSession.get()
                .range(0, 300, 1, 2)
                .selectExpr(
                    "id",
                    "(id % 3) * 10.0 + ((xxhash64(id, 7) % 100 + 100) % 100) / 100.0 AS x1",
                    "(id % 3) * -5.0 + ((xxhash64(id, 8) % 100 + 100) % 100) / 100.0 AS x2"),
            dir.resolve("blobs"));
    LakemlConfig config =
        TrainFixture.config(
            dir.resolve("lake"),
            blobs,
            "features { numeric = [x1, x2], scale = none }\n"
                + "train { model-name = blobs, algorithm = k-means, split { key = [id] },"
                + " search { folds = 2, space { k = [2, 3, 4, 5] } } }");
    new TestRuns().run(Jobs.byName("train"), config);
    ModelRegistry.Version v = TrainFixture.registry(config).resolve("blobs", "1");
    SearchSummary search = v.metadata().search().orElseThrow();
    assertThat(search.metric()).isEqualTo(Metric.SILHOUETTE);
    assertThat(((Number) search.bestParams().get("k")).intValue()).isEqualTo(3);
    String csv = searchTable(v);
    // The elbow curve: within-cluster cost per k, beside the silhouette.
    assertThat(csv.lines().findFirst().orElseThrow())
        .contains("mean_wcss")
        .contains("mean_silhouette");
    assertThat(csv.lines().count()).isEqualTo(5);
  }
}
