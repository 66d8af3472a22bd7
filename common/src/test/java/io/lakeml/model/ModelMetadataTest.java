package io.lakeml.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeml.io.Json;
import io.lakeml.ml.DataQualityException;
import io.lakeml.ml.Metric;
import io.lakeml.ml.Metrics;
import io.lakeml.ml.Split;
import io.lakeml.ml.Task;
import io.lakeml.testing.MetadataFixtures;
import java.util.Map;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code metadata.json} is typed end to end: files the untyped main branch wrote read into {@link
 * ModelMetadata} with the right task's metrics and write back to the same JSON; the one
 * comparability rule holds on real models.
 */
class ModelMetadataTest {
  static java.util.List<String> fixtures() {
    return MetadataFixtures.NAMES;
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void filesWrittenBeforeTypingReadAndWriteBackUnchanged(String name) {
    Map<String, Object> written = Json.readMap(MetadataFixtures.json(name));
    ModelMetadata m = MetadataFixtures.load(name);
    // Compared as decoded JSON: the same keys, values and number types, in any order.
    assertThat(Json.readMap(m.toJson())).isEqualTo(written);
    assertThat(ModelMetadata.parse(m.toJson(), name)).isEqualTo(m);
  }

  @Test
  void eachTaskReadsItsOwnMetrics() {
    ModelMetadata lr = MetadataFixtures.load("fraud_lr");
    assertThat(lr.task()).isEqualTo(Task.BINARY);
    assertThat(lr.question().positiveClass()).contains("Y");
    Metrics.Binary test = (Metrics.Binary) lr.testMetrics();
    assertThat(test.rows()).isEqualTo(771);
    assertThat(test.confusion().tp()).isEqualTo(118);
    assertThat(test.valueOf(Metric.ROC_AUC)).isEqualTo(0.7796762040525402);
    assertThat(lr.decisionThreshold()).isEqualTo(0.5);
    assertThat(lr.threshold().orElseThrow().chosenOn()).contains(Split.TEST);
    assertThat(lr.classBalance().orElseThrow().weights().get("Y")).isEqualTo(2.3858024691358026);
    assertThat(lr.promotion().orElseThrow().promoted()).isTrue();

    assertThat(MetadataFixtures.load("customer_segments").testMetrics())
        .isInstanceOf(Metrics.Clustering.class);
    assertThat(MetadataFixtures.load("penguin_mass").testMetrics())
        .isInstanceOf(Metrics.Regression.class);
    ModelMetadata digits = MetadataFixtures.load("digits_pca_lr");
    assertThat(digits.testMetrics()).isInstanceOf(Metrics.Multiclass.class);
    assertThat(digits.features().pcaComponents()).isPresent();

    ModelMetadata gbt = MetadataFixtures.load("fraud_gbt");
    assertThat(gbt.search().orElseThrow().method()).isEqualTo(SearchSummary.Method.GRID);
    assertThat(gbt.search().orElseThrow().folds()).isPresent();
    ModelMetadata weekly = MetadataFixtures.load("fraud_weekly_v2");
    assertThat(weekly.trainingData().paths()).hasSize(7);
    assertThat(weekly.promotion().orElseThrow().previousChampion()).hasValue(1);
  }

  @Test
  void aModelRegisteredBeforeTasksExistedReadsAsBinary() {
    Map<String, Object> old = Json.readMap(MetadataFixtures.json("fraud_lr"));
    old.remove("task");
    ModelMetadata m = ModelMetadata.parse(Json.write(old), "old.json");
    assertThat(m.task()).isEqualTo(Task.BINARY);
  }

  @Test
  void modelsOfOneQuestionAreComparableOnTheReferenceRows() {
    ModelMetadata lr = MetadataFixtures.load("fraud_lr");
    ModelMetadata gbt = MetadataFixtures.load("fraud_gbt");
    Comparability.check(lr, gbt, lr.inputSchema(), "promote");
  }

  @Test
  void anotherQuestionOrUnreadableRowsAreADataProblemNamingBothModels() {
    ModelMetadata lr = MetadataFixtures.load("fraud_lr");
    ModelMetadata digits = MetadataFixtures.load("digits_pca_lr");
    assertThatThrownBy(() -> Comparability.check(lr, digits, lr.inputSchema(), "promote"))
        .isInstanceOf(DataQualityException.class)
        .hasMessageContaining("fraud_lr v1 (binary-classification of fraud_reported [N, Y])")
        .hasMessageContaining("digits_pca_lr v1 (multiclass-classification of digit")
        .hasMessageContaining("do not answer the same question");

    StructType noAge =
        new StructType(
            java.util.Arrays.stream(lr.inputSchema().fields())
                .filter(f -> !f.name().equals("age"))
                .toArray(org.apache.spark.sql.types.StructField[]::new));
    StructType ageAsText = noAge.add("age", DataTypes.StringType);
    assertThatThrownBy(
            () -> Comparability.check(lr, MetadataFixtures.load("fraud_gbt"), noAge, "compare"))
        .isInstanceOf(DataQualityException.class)
        .hasMessageContaining(
            "fraud_gbt v1 cannot score the test rows of fraud_lr v1: age is missing");
    assertThatThrownBy(
            () -> Comparability.check(lr, MetadataFixtures.load("fraud_gbt"), ageAsText, "compare"))
        .hasMessageContaining("age is string, the model was trained on int");
  }
}
