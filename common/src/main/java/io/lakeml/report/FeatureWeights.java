package io.lakeml.report;

import io.lakeml.features.FeatureAssembler;
import io.lakeml.ml.ModelColumns;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.attribute.Attribute;
import org.apache.spark.ml.attribute.AttributeGroup;
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
    } else {
      return NONE;
    }
    List<String> names = names(transformed, values.size(), numeric);
    Map<String, Double> out = new LinkedHashMap<>();
    for (int i = 0; i < values.size(); i++) {
      out.put(names.get(i), values.apply(i));
    }
    return new FeatureWeights(kind, out);
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

  /** Slot names of the feature vector, readable; {@code f<i>} where Spark kept none. */
  static List<String> names(Dataset<Row> transformed, int size, List<String> numeric) {
    List<String> out = new ArrayList<>();
    Attribute[] attrs = null;
    try {
      AttributeGroup group =
          AttributeGroup.fromStructField(transformed.schema().apply(ModelColumns.FEATURES));
      attrs = group.attributes().isDefined() ? group.attributes().get() : null;
    } catch (RuntimeException e) {
      attrs = null;
    }
    for (int i = 0; i < size; i++) {
      String name =
          attrs != null && i < attrs.length && attrs[i].name().isDefined()
              ? attrs[i].name().get()
              : "f" + i;
      out.add(readable(FeatureAssembler.categoryName(name), numeric));
    }
    return out;
  }

  /**
   * {@code _scaled_age} → age; {@code _onehot_index_state_OH} → state = OH; {@code
   * _numeric_scaled_3} (models fitted before lakeml scaled column by column) → the fourth numeric
   * feature.
   */
  static String readable(String name, List<String> numeric) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("_numeric_(?:scaled|vector)_(\\d+)").matcher(name);
    if (m.matches()) {
      int i = Integer.parseInt(m.group(1));
      return i < numeric.size() ? numeric.get(i) : name;
    }
    for (String prefix :
        List.of("_onehot_index_", "_onehot_bin_", "_index_", "_bin_", "_imputed_", "_scaled_")) {
      if (name.startsWith(prefix)) {
        String rest = name.substring(prefix.length());
        return prefix.contains("onehot") ? oneHot(rest, prefix.contains("bin")) : rest;
      }
    }
    return name;
  }

  private static String oneHot(String rest, boolean bin) {
    int cut = rest.lastIndexOf('_');
    if (cut <= 0) {
      return rest;
    }
    return rest.substring(0, cut) + (bin ? " bin " : " = ") + rest.substring(cut + 1);
  }

  /** The strongest weights by absolute value, at most {@code n}, strongest first. */
  public List<Map.Entry<String, Double>> top(int n) {
    return weights.entrySet().stream()
        .sorted((a, b) -> Double.compare(Math.abs(b.getValue()), Math.abs(a.getValue())))
        .limit(n)
        .toList();
  }
}
