package io.lakeml.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakeml.testing.SparkTestSession;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class FeaturePipelineTest {
  private static final StructType SCHEMA =
      new StructType()
          .add("age", DataTypes.IntegerType)
          .add("amount", DataTypes.DoubleType)
          .add("state", DataTypes.StringType)
          .add("junk", DataTypes.DoubleType);

  private static Dataset<Row> rows(Object[]... values) {
    return SparkTestSession.get()
        .createDataFrame(List.of(values).stream().map(RowFactory::create).toList(), SCHEMA);
  }

  private static PipelineModel fit(FeatureConfig config, Dataset<Row> training) {
    return new Pipeline()
        .setStages(FeaturePipeline.stages(config).toArray(PipelineStage[]::new))
        .fit(training);
  }

  private static final Dataset<Row> TRAINING =
      rows(
          new Object[] {20, 100.0, "OH", 1.0},
          new Object[] {30, 200.0, "OH", 2.0},
          new Object[] {40, null, "IL", 3.0},
          new Object[] {null, 400.0, "IN", 4.0});

  @Test
  void imputesScalesAndOneHotEncodesIntoOneVector() {
    FeatureConfig config =
        new FeatureConfig(
            List.of("age", "amount", "junk"), List.of("state"), "median", "none", List.of("junk"));
    PipelineModel model = fit(config, TRAINING);

    List<Row> out = model.transform(TRAINING).select("features").collectAsList();
    // 2 numeric + one-hot of 3 states with one extra bucket for unseen/null, last dropped = 3.
    Vector first = out.get(0).getAs(0);
    assertThat(first.size()).isEqualTo(5);
    // Median of age over training rows (20, 30, 40) imputes the missing age.
    Vector fourth = out.get(3).getAs(0);
    assertThat(fourth.apply(0)).isEqualTo(30.0);
    Vector third = out.get(2).getAs(0);
    assertThat(third.apply(1)).isEqualTo(200.0);
  }

  @Test
  void unseenAndNullCategoriesAtScoringTimeAreKeptNotDropped() {
    FeatureConfig config =
        new FeatureConfig(List.of("age"), List.of("state"), "mean", "standard", List.of());
    PipelineModel model = fit(config, TRAINING);

    Dataset<Row> scoring =
        rows(new Object[] {25, 1.0, "TX", 0.0}, new Object[] {35, 1.0, null, 0.0});
    List<Row> out = model.transform(scoring).select("features").collectAsList();

    assertThat(out).hasSize(2);
    Vector unseen = out.get(0).getAs(0);
    Vector missing = out.get(1).getAs(0);
    // Neither lights a known state's slot: both fall in the dropped last (unknown) bucket.
    assertThat(unseen.toArray()).hasSize(4);
    assertThat(unseen.apply(1) + unseen.apply(2) + unseen.apply(3)).isZero();
    assertThat(missing.apply(1) + missing.apply(2) + missing.apply(3)).isZero();
  }
}
