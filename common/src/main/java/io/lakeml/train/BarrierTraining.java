package io.lakeml.train;

import io.lakeml.config.ConfigException;
import io.lakeml.ml.ModelColumns;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.scala.spark.XGBoostEstimator;
import org.apache.spark.SparkContext;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * What XGBoost's training needs of the running application. It trains in a Spark barrier stage:
 * every one of its {@code num-workers} tasks must start at once, so Spark refuses the stage under
 * dynamic allocation and waits forever for slots it does not have. Both are checked before the
 * first round, with the setting to change in the message, instead of failing deep inside Spark.
 */
public final class BarrierTraining {
  /** How long to wait for a cluster's first executors to register before counting task slots. */
  static final long SLOT_WAIT_MILLIS = 120_000;

  private BarrierTraining() {}

  /**
   * The parameters with {@code num-workers} resolved: 0 becomes the application's task slots.
   *
   * @throws ConfigException under dynamic allocation, or when more workers are asked for than the
   *     application has task slots
   */
  public static Map<String, Object> resolve(
      SparkSession spark, Algorithm algorithm, Map<String, Object> params) {
    if (algorithm.barrierMode()) {
      checkNativeLibrary();
    }
    return resolve(
        spark.conf().get("spark.dynamicAllocation.enabled", "false"),
        () -> taskSlots(spark.sparkContext()),
        algorithm,
        params);
  }

  /** {@link #resolve(SparkSession, Algorithm, Map)} on the setting and slot count it reads. */
  static Map<String, Object> resolve(
      String dynamic,
      java.util.function.IntSupplier taskSlots,
      Algorithm algorithm,
      Map<String, Object> params) {
    if (!algorithm.barrierMode()) {
      return params;
    }
    if (Boolean.parseBoolean(dynamic.strip())) {
      throw ConfigException.invalid(
          "spark.dynamicAllocation.enabled",
          dynamic,
          "false for "
              + algorithm.configName()
              + ", which trains in a Spark barrier stage that Spark refuses under dynamic"
              + " allocation: submit with --conf spark.dynamicAllocation.enabled=false (the EMR"
              + " definitions in emr/ do for XGBoost pipelines)");
    }
    int slots = taskSlots.getAsInt();
    int asked = ((Number) params.get("num-workers")).intValue();
    if (asked > slots) {
      throw ConfigException.invalid(
          "train.params.num-workers",
          asked,
          String.format(
              "at most the application's %d task slots (executors × cores per executor /"
                  + " spark.task.cpus): XGBoost starts all its workers at once; lower num-workers"
                  + " or 0 for all slots, or give the application more executors",
              slots));
    }
    Map<String, Object> out = new LinkedHashMap<>(params);
    out.put("num-workers", asked == 0 ? slots : asked);
    return out;
  }

  /**
   * Loads XGBoost's native library on the driver first, so a machine without GNU OpenMP fails here
   * with the fix rather than in a barrier task's stack trace.
   */
  static void checkNativeLibrary() {
    try {
      Class.forName("ml.dmlc.xgboost4j.java.XGBoostJNI");
    } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
      throw new IllegalStateException(
          "XGBoost's native library did not load ("
              + e
              + "): it needs GNU OpenMP, libgomp.so.1. Debian or Ubuntu: apt-get install"
              + " libgomp1; Amazon Linux: dnf install libgomp (emr/bootstrap/libgomp.sh does it"
              + " on an EMR cluster's nodes)",
          e);
    }
  }

  /**
   * The tasks that can run at once, as Spark counts them for a barrier stage; on a cluster whose
   * executors are still registering, waits for the first ones.
   */
  static int taskSlots(SparkContext sc) {
    long deadline = System.currentTimeMillis() + SLOT_WAIT_MILLIS;
    int slots = sc.maxNumConcurrentTasks(sc.resourceProfileManager().defaultResourceProfile());
    while (slots == 0 && System.currentTimeMillis() < deadline) {
      try {
        Thread.sleep(1_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      slots = sc.maxNumConcurrentTasks(sc.resourceProfileManager().defaultResourceProfile());
    }
    return Math.max(slots, 1);
  }

  /**
   * Fits a pipeline whose last stage is XGBoost, stopping early on {@code validation}: the feature
   * stages are fitted on the training rows first, so the validation rows reach XGBoost as the same
   * feature vectors; the result is one {@link PipelineModel}, as without early stopping.
   */
  public static PipelineModel fitWithValidation(
      Pipeline pipeline, Dataset<Row> training, Dataset<Row> validation, ModelColumns cols) {
    PipelineStage[] stages = pipeline.getStages();
    PipelineStage last = stages[stages.length - 1];
    if (!(last instanceof XGBoostEstimator<?, ?> xgb)) {
      throw new IllegalArgumentException("early stopping needs XGBoost, not " + last);
    }
    PipelineStage[] featureStages = java.util.Arrays.copyOf(stages, stages.length - 1);
    PipelineModel features = new Pipeline().setStages(featureStages).fit(training);
    Dataset<Row> evaluated = features.transform(validation);
    if (cols.weight().isPresent() && !List.of(evaluated.columns()).contains(ModelColumns.WEIGHT)) {
      // The validation rows measure the model as the data comes: each row counts once.
      evaluated = evaluated.withColumn(ModelColumns.WEIGHT, functions.lit(1.0));
    }
    xgb.setEvalDataset(evaluated);
    @SuppressWarnings("unchecked")
    Model<?> model = ((Estimator<? extends Model<?>>) last).fit(features.transform(training));
    List<PipelineStage> fitted = new ArrayList<>(List.of(features.stages()));
    fitted.add(model);
    // A pipeline of transformers only fits without reading a row: it just holds them.
    return new Pipeline().setStages(fitted.toArray(PipelineStage[]::new)).fit(training);
  }

  /** Whether these parameters ask for early stopping. */
  public static boolean stopsEarly(Map<String, Object> params) {
    Object rounds = params.get("num-early-stopping-rounds");
    return rounds instanceof Number n && n.intValue() > 0;
  }
}
