package io.lakeml.report;

import io.lakeml.features.FeatureSlots;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.XGBoostError;
import ml.dmlc.xgboost4j.scala.Booster;
import ml.dmlc.xgboost4j.scala.spark.XGBoostModel;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.classification.DecisionTreeClassificationModel;
import org.apache.spark.ml.classification.GBTClassificationModel;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.classification.RandomForestClassificationModel;
import org.apache.spark.ml.linalg.Matrix;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.regression.DecisionTreeRegressionModel;
import org.apache.spark.ml.regression.GBTRegressionModel;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.apache.spark.ml.regression.RandomForestRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What a fitted model says about its features: coefficients of a linear model (on the scaled
 * features, so they compare) or importances of a tree model, named after the features. Names come
 * from the ML attributes Spark keeps on the feature vector (one-hot slots are named after their
 * category), cleaned of lakeml's internal column prefixes.
 */
public record FeatureWeights(String kind, Map<String, Double> weights) {
  public static final FeatureWeights NONE = new FeatureWeights("none", Map.of());

  /** The weights of a fitted pipeline, naming slots from a transformed sample's schema. */
  public static FeatureWeights of(
      PipelineModel model, Dataset<Row> transformed, List<String> numeric) {
    Transformer last = model.stages()[model.stages().length - 1];
    Vector values;
    String kind;
    if (last instanceof LogisticRegressionModel lr) {
      kind = "coefficient";
      values = lr.numClasses() == 2 ? lr.coefficients() : meanAbsolute(lr.coefficientMatrix());
      if (lr.numClasses() > 2) {
        kind = "mean |coefficient| over classes";
      }
    } else if (last instanceof LinearRegressionModel l) {
      kind = "coefficient";
      values = l.coefficients();
    } else if (last instanceof DecisionTreeClassificationModel t) {
      kind = "importance";
      values = t.featureImportances();
    } else if (last instanceof RandomForestClassificationModel t) {
      kind = "importance";
      values = t.featureImportances();
    } else if (last instanceof GBTClassificationModel t) {
      kind = "importance";
      values = t.featureImportances();
    } else if (last instanceof DecisionTreeRegressionModel t) {
      kind = "importance";
      values = t.featureImportances();
    } else if (last instanceof RandomForestRegressionModel t) {
      kind = "importance";
      values = t.featureImportances();
    } else if (last instanceof GBTRegressionModel t) {
      kind = "importance";
      values = t.featureImportances();
    } else if (last instanceof XGBoostModel<?> x) {
      kind = "importance (gain)";
      values = gain(x.nativeBooster());
    } else {
      return NONE;
    }
    List<String> names = FeatureSlots.names(transformed.schema(), values.size(), numeric);
    Map<String, Double> out = new LinkedHashMap<>();
    for (int i = 0; i < values.size(); i++) {
      out.put(names.get(i), values.apply(i));
    }
    return new FeatureWeights(kind, out);
  }

  /**
   * XGBoost's total gain per feature, normalised to sum to 1 like Spark's tree importances; a
   * feature no tree split on has 0. (Gain, not XGBoost's default split count: it says how much a
   * feature improved the loss, which is what the report's reader asks.)
   */
  static Vector gain(Booster booster) {
    try {
      double[] out = new double[(int) booster.getNumFeature()];
      Map<String, Object> scores =
          scala.collection.JavaConverters.mapAsJavaMap(booster.getScore("", "total_gain"));
      double total = scores.values().stream().mapToDouble(v -> ((Number) v).doubleValue()).sum();
      for (Map.Entry<String, Object> e : scores.entrySet()) {
        int slot = Integer.parseInt(e.getKey().substring(1)); // "f12" without a feature map
        out[slot] = total > 0 ? ((Number) e.getValue()).doubleValue() / total : 0.0;
      }
      return org.apache.spark.ml.linalg.Vectors.dense(out);
    } catch (XGBoostError e) {
      throw new IllegalStateException("XGBoost could not report its feature gains: " + e, e);
    }
  }

  private static Vector meanAbsolute(Matrix m) {
    double[] out = new double[m.numCols()];
    for (int c = 0; c < m.numCols(); c++) {
      double s = 0;
      for (int r = 0; r < m.numRows(); r++) {
        s += Math.abs(m.apply(r, c));
      }
      out[c] = s / m.numRows();
    }
    return org.apache.spark.ml.linalg.Vectors.dense(out);
  }

  /** The strongest weights by absolute value, at most {@code n}, strongest first. */
  public List<Map.Entry<String, Double>> top(int n) {
    return weights.entrySet().stream()
        .sorted((a, b) -> Double.compare(Math.abs(b.getValue()), Math.abs(a.getValue())))
        .limit(n)
        .toList();
  }
}
