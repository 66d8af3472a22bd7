package io.lakeml.evaluation;

import io.lakeml.ml.Metrics;
import io.lakeml.ml.Task;
import io.lakeml.model.ModelQuestion;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * A fitted model's output on some rows, cached while it is measured: the one way training, search,
 * evaluation, comparison and promotion score rows and compute their metrics. Binary rows carry the
 * positive probability as {@link BinaryEvaluation#SCORE}. Close it to release the cache.
 *
 * <pre>{@code
 * try (ScoredRows scored = ScoredRows.of(model, testRows, question.task())) {
 *   Metrics m = scored.metrics(question, threshold, beta);
 * }
 * }</pre>
 */
public final class ScoredRows implements AutoCloseable {
  /** The beta of the F-beta score where no configuration sets one. */
  public static final double DEFAULT_BETA = 2.0;

  private final PipelineModel model;
  private final Dataset<Row> rows;

  private ScoredRows(PipelineModel model, Dataset<Row> rows) {
    this.model = model;
    this.rows = rows;
  }

  /** Scores {@code rows} (label encoded where the task has one) and caches the result. */
  public static ScoredRows of(PipelineModel model, Dataset<Row> rows, Task task) {
    Dataset<Row> scored = model.transform(rows);
    if (task == Task.BINARY) {
      scored = BinaryEvaluation.withScore(scored);
    }
    return new ScoredRows(model, scored.persist(StorageLevel.MEMORY_AND_DISK()));
  }

  /** Scores and measures in one go, releasing the cache. */
  public static Metrics measure(
      PipelineModel model,
      Dataset<Row> rows,
      ModelQuestion question,
      double threshold,
      double beta) {
    try (ScoredRows scored = of(model, rows, question.task())) {
      return scored.metrics(question, threshold, beta);
    }
  }

  /** The scored rows, cached. */
  public Dataset<Row> rows() {
    return rows;
  }

  public PipelineModel model() {
    return model;
  }

  /** Every metric of the task at the threshold (binary) and F-beta's beta. */
  public Metrics metrics(ModelQuestion question, double threshold, double beta) {
    return Evaluation.metrics(question.task(), rows, model, question.classes(), threshold, beta);
  }

  @Override
  public void close() {
    rows.unpersist();
  }
}
