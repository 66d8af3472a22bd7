package io.lakeml.train;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeml.config.ConfigException;
import io.lakeml.ml.DataQualityException;
import io.lakeml.pipeline.Jobs;
import io.lakeml.pipeline.LakemlConfig;
import io.lakeml.testing.TestRuns;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each guard rail fails before any fit, with a message naming the problem. */
class GuardRailsTest {
  @TempDir static Path dir;
  static String data;

  private static final String FEATURES = "features { numeric = [x1, x2], categorical = [cat] }\n";

  @BeforeAll
  static void writeFixture() {
    data = TrainFixture.write(TrainFixture.rows(200, 0.3), dir.resolve("data"));
  }

  private static void train(String data, String train, String... sets) {
    LakemlConfig config = TrainFixture.config(dir.resolve("lake"), data, FEATURES + train, sets);
    new TestRuns().run(Jobs.byName("train"), config);
  }

  private static final String LR =
      "train { model-name = g, algorithm = logistic-regression, label = label, positive-label ="
          + " Y }";

  @Test
  void tooFewRows() {
    assertThatThrownBy(() -> train(data, LR, "train.min-rows=1000"))
        .isInstanceOf(DataQualityException.class)
        .hasMessageMatching("only \\d+ training rows in .*; train.min-rows is 1000");
  }

  @Test
  void aSingleClass() {
    String one =
        TrainFixture.write(
            TrainFixture.rows(200, 0.3).selectExpr("id", "x1", "x2", "cat", "'Y' AS label"),
            dir.resolve("one"));
    assertThatThrownBy(() -> train(one, LR))
        .isInstanceOf(DataQualityException.class)
        .hasMessage("label 'label' has a single class 'Y'; a classifier needs two");
  }

  @Test
  void nullLabels() {
    String nulls =
        TrainFixture.write(
            TrainFixture.rows(200, 0.3)
                .selectExpr(
                    "id", "x1", "x2", "cat", "CASE WHEN id < 5 THEN NULL ELSE label END AS label"),
            dir.resolve("nulls"));
    assertThatThrownBy(() -> train(nulls, LR))
        .isInstanceOf(DataQualityException.class)
        .hasMessage("label 'label' is null in 5 rows; every training row needs a label");
  }

  @Test
  void anAllNullFeature() {
    String allNull =
        TrainFixture.write(
            TrainFixture.rows(200, 0.3)
                .selectExpr("id", "x1", "CAST(NULL AS DOUBLE) AS x2", "cat", "label"),
            dir.resolve("allnull"));
    assertThatThrownBy(() -> train(allNull, LR))
        .isInstanceOf(DataQualityException.class)
        .hasMessageStartingWith("feature [x2] is null in every training row");
  }

  @Test
  void aConstantRegressionLabel() {
    String constant =
        TrainFixture.write(
            TrainFixture.rows(200, 0.3).selectExpr("id", "x1", "x2", "cat", "1.0 AS target"),
            dir.resolve("constant"));
    assertThatThrownBy(
            () ->
                train(
                    constant,
                    "train { model-name = r, algorithm = linear-regression, label = target }"))
        .isInstanceOf(DataQualityException.class)
        .hasMessage("label 'target' has a single value; a regression needs it to vary");
  }

  @Test
  void configMistakesFailBeforeSparkNamingTheKey() {
    assertThatThrownBy(
            () -> train(data, "train { model-name = g, algorithm = gbt-classifier, label = kind }"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("train.positive-label")
        .hasMessageContaining("takes two classes only");
    assertThatThrownBy(() -> train(data, LR, "train.params.max-iters=5"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("train.params.max-iters: unknown key")
        .hasMessageContaining("did you mean 'train.params.max-iter'");
    assertThatThrownBy(
            () ->
                train(
                    data,
                    "train { model-name = r, algorithm = linear-regression, label = target,"
                        + " class-weights = balanced }"))
        .hasMessageContaining("train.class-weights")
        .hasMessageContaining("no class balancing for regression");
    assertThatThrownBy(
            () -> train(data, "train { model-name = k, algorithm = k-means, label = label }"))
        .hasMessageContaining("train.label")
        .hasMessageContaining("k-means is unsupervised");
    assertThatThrownBy(() -> train(data, LR, "train.search.space.reg-param=[0.1, -1]"))
        .hasMessageContaining("train.search.space.reg-param")
        .hasMessageContaining("-1");
    assertThatThrownBy(() -> train(data, LR, "train.search.space.max-iter={min=1, max=50}"))
        .hasMessageContaining("train.search.space.max-iter")
        .hasMessageContaining("method = random");
    assertThatThrownBy(
            () -> train(data, LR, "train.search.space.reg-param=[0.1]", "train.search.metric=rmse"))
        .hasMessageContaining("train.search.metric")
        .hasMessageContaining("roc_auc");
  }
}
