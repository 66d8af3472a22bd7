package io.lakeml.model;

import io.lakeml.io.CommittedData;
import io.lakeml.ml.HashSplit;
import io.lakeml.ml.Split;
import io.lakeml.ml.SplitConfig;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The rows a model learned from, as its metadata records them: the committed folders it read and
 * the split settings, enough to recompute any of its splits exactly. Evaluation and promotion use
 * it to score the very test rows training held out.
 */
public record TrainingData(List<String> paths, SplitConfig split) {
  public TrainingData {
    paths = List.copyOf(paths);
    if (paths.isEmpty()) {
      throw new IllegalArgumentException("training data must name at least one folder");
    }
  }

  /** The data as one line: the folder, or the folders joined by commas. */
  public String describe() {
    return String.join(",", paths);
  }

  /** The newest folder read (the run date's partition when training read several days). */
  public String last() {
    return paths.get(paths.size() - 1);
  }

  /** The rows of one split, with the label encoded as the model saw it. */
  public Dataset<Row> rows(SparkSession spark, ModelQuestion question, Split which) {
    Dataset<Row> data = CommittedData.parquet(spark, paths);
    return question.encodeLabel(
        HashSplit.only(HashSplit.assign(data, split, question.stratum(split)), which));
  }
}
