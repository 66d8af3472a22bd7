package io.lakeml.features;

import io.lakeml.train.TrainColumns;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.Imputer;
import org.apache.spark.ml.feature.MinMaxScaler;
import org.apache.spark.ml.feature.OneHotEncoder;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;

/**
 * The feature stages for a {@link FeatureConfig}, wired output to input by {@code getOutputCol()}
 * and ending in one {@value TrainColumns#FEATURES} vector. They are fitted on training rows only,
 * inside the model's pipeline, so scoring applies exactly what training learned.
 *
 * <p>Numeric: impute (mean or median) → assemble → scale. Categorical: index by frequency with
 * unseen and null values kept in their own bucket (never a crash, never a dropped row) → one-hot,
 * where that bucket is the reference level.
 */
public final class FeaturePipeline {
  private FeaturePipeline() {}

  public static List<PipelineStage> stages(FeatureConfig config) {
    List<PipelineStage> stages = new ArrayList<>();
    List<String> assembled = new ArrayList<>();

    List<String> numeric = config.numericInputs();
    if (!numeric.isEmpty()) {
      Imputer imputer =
          new Imputer()
              .setStrategy(config.impute())
              .setInputCols(numeric.toArray(String[]::new))
              .setOutputCols(numeric.stream().map(c -> "_imputed_" + c).toArray(String[]::new));
      VectorAssembler numericVector =
          new VectorAssembler()
              .setInputCols(imputer.getOutputCols())
              .setOutputCol("_numeric_vector");
      stages.add(imputer);
      stages.add(numericVector);
      String numericOut = numericVector.getOutputCol();
      switch (config.scale()) {
        case "standard" -> {
          StandardScaler scaler =
              new StandardScaler()
                  .setWithMean(true)
                  .setWithStd(true)
                  .setInputCol(numericOut)
                  .setOutputCol("_numeric_scaled");
          stages.add(scaler);
          numericOut = scaler.getOutputCol();
        }
        case "min-max" -> {
          MinMaxScaler scaler =
              new MinMaxScaler().setInputCol(numericOut).setOutputCol("_numeric_scaled");
          stages.add(scaler);
          numericOut = scaler.getOutputCol();
        }
        default -> {}
      }
      assembled.add(numericOut);
    }

    List<String> categorical = config.categoricalInputs();
    if (!categorical.isEmpty()) {
      StringIndexer indexer =
          new StringIndexer()
              .setInputCols(categorical.toArray(String[]::new))
              .setOutputCols(categorical.stream().map(c -> "_index_" + c).toArray(String[]::new))
              .setStringOrderType("frequencyDesc")
              .setHandleInvalid("keep");
      OneHotEncoder oneHot =
          new OneHotEncoder()
              .setInputCols(indexer.getOutputCols())
              .setOutputCols(categorical.stream().map(c -> "_onehot_" + c).toArray(String[]::new))
              // The indexer already maps unseen and null values to its own last index; dropping the
              // last slot makes "unknown" the reference level (all zeros) beside the known ones.
              .setHandleInvalid("error")
              .setDropLast(true);
      stages.add(indexer);
      stages.add(oneHot);
      assembled.addAll(List.of(oneHot.getOutputCols()));
    }

    stages.add(
        new VectorAssembler()
            .setInputCols(assembled.toArray(String[]::new))
            .setOutputCol(TrainColumns.FEATURES));
    return stages;
  }
}
