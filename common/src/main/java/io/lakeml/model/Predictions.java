package io.lakeml.model;

import io.lakeml.ml.ModelColumns;
import io.lakeml.ml.Task;
import io.lakeml.sql.Identifiers;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * What a registered model outputs, read from its metadata: the columns {@code score} writes per
 * task and the one drift monitoring watches. Training (for the baseline), scoring and drift share
 * it, so a prediction means the same everywhere.
 */
public final class Predictions {
  private Predictions() {}

  /**
   * The batch with the model's output columns added, named as in the predictions ({@link
   * #outputColumns}); every column of the batch is kept.
   */
  public static Dataset<Row> predict(PipelineModel model, Dataset<Row> batch, ModelMetadata meta) {
    return select(model.transform(batch), batch, meta, List.of());
  }

  /**
   * The batch's columns, then the output columns, then {@code more}, from rows a model transformed.
   */
  public static Dataset<Row> select(
      Dataset<Row> transformed, Dataset<Row> batch, ModelMetadata meta, List<Column> more) {
    List<Column> selected = new ArrayList<>();
    for (String c : batch.columns()) {
      selected.add(transformed.col(Identifiers.quote(c)));
    }
    selected.addAll(outputColumns(meta));
    selected.addAll(more);
    return transformed.select(selected.toArray(Column[]::new));
  }

  /** The output a drift baseline profiles, by task: a probability, a class, a number, a cluster. */
  public static Optional<String> monitoredOutput(Task task) {
    return switch (task) {
      case BINARY -> Optional.of("probability");
      case MULTICLASS, REGRESSION -> Optional.of("prediction");
      case CLUSTERING -> Optional.of("cluster");
      case PROJECTION -> Optional.empty();
    };
  }

  /**
   * What a prediction holds, by task: binary, the class chosen at the model's threshold, the
   * positive probability and the threshold; multiclass, the class and its probability; regression,
   * the number; clustering, the cluster; projection, the components as an array.
   */
  public static List<Column> outputColumns(ModelMetadata meta) {
    List<String> classes = meta.question().classes();
    return switch (meta.task()) {
      case BINARY -> {
        double threshold = meta.decisionThreshold();
        Column probability = ModelColumns.positiveProbability();
        yield List.of(
            functions
                .when(probability.geq(threshold), classes.get(1))
                .otherwise(classes.get(0))
                .as("prediction"),
            probability.as("probability"),
            functions.lit(threshold).as("threshold"));
      }
      case MULTICLASS -> {
        Column label = functions.lit(null).cast("string");
        for (int i = classes.size() - 1; i >= 0; i--) {
          label =
              functions
                  .when(functions.col(ModelColumns.PREDICTION).equalTo((double) i), classes.get(i))
                  .otherwise(label);
        }
        Column probabilities =
            org.apache.spark.ml.functions.vector_to_array(
                functions.col(ModelColumns.PROBABILITY), "float64");
        yield List.of(label.as("prediction"), functions.array_max(probabilities).as("probability"));
      }
      case REGRESSION -> List.of(functions.col(ModelColumns.PREDICTION).as("prediction"));
      case CLUSTERING -> List.of(functions.col(ModelColumns.PREDICTION).as("cluster"));
      case PROJECTION ->
          List.of(
              org.apache
                  .spark
                  .ml
                  .functions
                  .vector_to_array(functions.col(ModelColumns.PROJECTION), "float64")
                  .as("projection"));
    };
  }
}
