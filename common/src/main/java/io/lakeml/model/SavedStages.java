package io.lakeml.model;

import ml.dmlc.xgboost4j.scala.spark.XGBoostClassificationModel;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;

/**
 * Repairs what a library loses between saving a model and loading it, so a loaded model predicts
 * exactly as the fitted one did.
 */
final class SavedStages {
  private SavedStages() {}

  /**
   * XGBoost4J-Spark 3.4.0 saves a classifier's class count as its {@code num_class} parameter but
   * reads it back from a {@code numClass} entry it never writes, so every loaded multiclass model
   * believes it has two classes and scoring fails on the third. The count is restored from the
   * parameter; binary models (num_class 0) are left as they are.
   */
  static PipelineModel repaired(PipelineModel model) {
    Transformer[] stages = model.stages().clone();
    boolean changed = false;
    for (int i = 0; i < stages.length; i++) {
      if (stages[i] instanceof XGBoostClassificationModel xgb) {
        int saved = (Integer) xgb.getOrDefault(xgb.getParam("num_class"));
        if (saved > xgb.numClasses()) {
          XGBoostClassificationModel fixed =
              new XGBoostClassificationModel(
                  xgb.uid(), saved, xgb.nativeBooster(), scala.Option.empty());
          stages[i] = xgb.copyValues(fixed, xgb.extractParamMap());
          changed = true;
        }
      }
    }
    return changed ? new PipelineModel(model.uid(), stages) : model;
  }
}
