package io.lakeml.features;

import io.lakeml.ml.DataQualityException;
import io.lakeml.ml.ModelColumns;
import io.lakeml.model.FeatureSummary;
import io.lakeml.sql.Identifiers;
import io.lakeml.sql.SqlText;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.BiFunction;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.PredictionModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.feature.Bucketizer;
import org.apache.spark.ml.feature.Imputer;
import org.apache.spark.ml.feature.PCA;
import org.apache.spark.ml.feature.PCAModel;
import org.apache.spark.ml.feature.QuantileDiscretizer;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.UnivariateFeatureSelector;
import org.apache.spark.ml.feature.VarianceThresholdSelector;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * The feature stages for a {@link FeatureConfig}, wired output to input by {@code getOutputCol()}
 * and ending in one {@value ModelColumns#FEATURES} vector. They are fitted on training rows only,
 * inside the model's pipeline, so scoring applies exactly what training learned.
 *
 * <ol>
 *   <li>derived columns (one SQL statement);
 *   <li>categorical imputation (keep, most frequent, constant) and numeric imputation (mean,
 *       median, mode, constant);
 *   <li>binning of the listed numeric columns (fixed boundaries or quantiles);
 *   <li>categories and bins indexed with unseen and null values kept in their own bucket (never a
 *       crash, never a dropped row);
 *   <li>{@link FeatureAssembler}: numeric columns scaled (standard, min-max, robust), indices
 *       one-hot (that bucket the reference level) or as they are, into one vector;
 *   <li>that vector → variance-threshold and univariate selection → PCA.
 * </ol>
 */
public final class FeaturePipeline {
  private FeaturePipeline() {}

  public static List<PipelineStage> stages(FeatureConfig config) {
    List<PipelineStage> stages = new ArrayList<>();

    if (!config.derived().isEmpty()) {
      stages.add(derivedColumns(config));
    }

    List<String> numeric = config.numericInputs();
    List<String> plainNumeric = numeric.stream().filter(c -> !config.isBinned(c)).toList();
    List<String> imputed = numeric.stream().map(c -> "_imputed_" + c).toList();
    if (!numeric.isEmpty()) {
      stages.add(numericImputer(config.impute(), numeric, imputed));
    }
    List<String> indexed = new ArrayList<>();
    for (Binning b : config.bins()) {
      stages.add(binner(b, "_imputed_" + b.column(), "_bin_" + b.column()));
      indexed.add("_bin_" + b.column());
    }

    List<String> categorical = config.categoricalInputs();
    if (!categorical.isEmpty()) {
      List<String> filled = categorical;
      if (!config.impute().categorical().equals("keep")) {
        filled = categorical.stream().map(c -> "_filled_" + c).toList();
        stages.add(categoricalImputer(config.impute(), categorical, filled));
      }
      StringIndexer indexer =
          new StringIndexer()
              .setInputCols(filled.toArray(String[]::new))
              .setOutputCols(categorical.stream().map(c -> "_index_" + c).toArray(String[]::new))
              .setStringOrderType(sparkOrder(config.order()))
              .setHandleInvalid("keep");
      stages.add(indexer);
      indexed.addAll(List.of(indexer.getOutputCols()));
    }

    List<BiFunction<String, String, PipelineStage>> vectorStages = vectorStages(config);
    String current = vectorStages.isEmpty() ? ModelColumns.FEATURES : "_assembled";
    stages.add(
        new FeatureAssembler(
            plainNumeric.stream().map(c -> "_imputed_" + c).toList(),
            config.scale(),
            indexed,
            config.encoding().equals("one-hot"),
            current));
    for (int i = 0; i < vectorStages.size(); i++) {
      String out = i == vectorStages.size() - 1 ? ModelColumns.FEATURES : "_vector_" + i;
      stages.add(vectorStages.get(i).apply(current, out));
      current = out;
    }
    return stages;
  }

  /**
   * Fails before any fit when a numeric feature holds NaN or an infinity in a training row (every
   * estimator learns garbage from one), or a feature is null in every training row (an imputer has
   * nothing to learn from, and a silent all-default column helps nobody), naming the columns.
   */
  public static void checkFeatureValues(Dataset<Row> training, FeatureConfig config) {
    Dataset<Row> rows =
        config.derived().isEmpty() ? training : derivedColumns(config).transform(training);
    List<String> features = config.featureColumns();
    List<Column> aggs = new ArrayList<>();
    for (String c : features) {
      Column col = functions.col(c);
      aggs.add(functions.count(col));
      boolean floating =
          rows.schema().apply(c).dataType() instanceof org.apache.spark.sql.types.DoubleType
              || rows.schema().apply(c).dataType() instanceof org.apache.spark.sql.types.FloatType;
      aggs.add(
          floating
              ? functions.sum(
                  functions
                      .when(
                          functions
                              .isnan(col)
                              .or(functions.abs(col).equalTo(Double.POSITIVE_INFINITY)),
                          1L)
                      .otherwise(0L))
              : functions.lit(0L));
    }
    Row r = rows.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new)).first();
    List<String> allNull = new ArrayList<>();
    List<String> nonFinite = new ArrayList<>();
    for (int i = 0; i < features.size(); i++) {
      if (r.getLong(2 * i) == 0L) {
        allNull.add(features.get(i));
      }
      if (!r.isNullAt(2 * i + 1) && r.getLong(2 * i + 1) > 0L) {
        nonFinite.add(features.get(i) + " (" + r.getLong(2 * i + 1) + " rows)");
      }
    }
    if (!nonFinite.isEmpty()) {
      throw new DataQualityException(
          "features hold NaN or infinite values: "
              + nonFinite
              + "; no estimator learns from them: reject them at ingest (a double column does"
              + " unless allow-non-finite = true) or fix the derived column that makes them");
    }
    if (!allNull.isEmpty()) {
      throw new DataQualityException(
          String.format(
              "feature%s %s %s null in every training row; drop %s (features.drop) or fix the"
                  + " input",
              allNull.size() == 1 ? "" : "s",
              allNull,
              allNull.size() == 1 ? "is" : "are",
              allNull.size() == 1 ? "it" : "them"));
    }
  }

  /** {@code frequency-desc} → Spark's {@code frequencyDesc}. */
  static String sparkOrder(String order) {
    String[] parts = order.split("-");
    return parts[0] + Character.toUpperCase(parts[1].charAt(0)) + parts[1].substring(1);
  }

  /**
   * What the feature configuration asked for and the fitted stages decided, for the model's
   * metadata: the number of principal components kept and the size of the final vector.
   */
  public static FeatureSummary summary(FeatureConfig f, PipelineModel model) {
    OptionalInt vectorSize = OptionalInt.empty();
    OptionalInt pcaComponents = OptionalInt.empty();
    for (Transformer stage : flatten(model)) {
      if (stage instanceof PCAModel pca && pca.getOutputCol().equals(ModelColumns.FEATURES)) {
        pcaComponents = OptionalInt.of(pca.getK());
      }
      if (stage instanceof PredictionModel<?, ?> predictor) {
        vectorSize = OptionalInt.of(predictor.numFeatures());
      }
    }
    return new FeatureSummary(
        f.numericInputs(),
        f.categoricalInputs(),
        f.derived().stream().map(d -> new FeatureSummary.Derived(d.name(), d.expr())).toList(),
        f.drop(),
        f.bins().stream().map(Binning::column).toList(),
        f.impute().numeric(),
        f.impute().categorical(),
        f.encoding(),
        f.scale(),
        f.pca().isPresent(),
        vectorSize,
        pcaComponents);
  }

  private static List<Transformer> flatten(PipelineModel model) {
    List<Transformer> out = new ArrayList<>();
    for (Transformer t : model.stages()) {
      if (t instanceof PipelineModel nested) {
        out.addAll(flatten(nested));
      } else {
        out.add(t);
      }
    }
    return out;
  }

  static SQLTransformer derivedColumns(FeatureConfig config) {
    return SqlText.addColumns(config.derived().stream().map(DerivedColumn::selectItem).toList());
  }

  private static PipelineStage numericImputer(
      Imputation impute, List<String> inputs, List<String> outputs) {
    if (impute.numeric().equals("constant")) {
      List<String> items = new ArrayList<>();
      for (int i = 0; i < inputs.size(); i++) {
        items.add(
            String.format(
                "nanvl(coalesce(CAST(%s AS DOUBLE), %s), %s) AS %s",
                Identifiers.quote(inputs.get(i)),
                impute.numericValue(),
                impute.numericValue(),
                Identifiers.quote(outputs.get(i))));
      }
      return SqlText.addColumns(items);
    }
    return new Imputer()
        .setStrategy(impute.numeric())
        .setInputCols(inputs.toArray(String[]::new))
        .setOutputCols(outputs.toArray(String[]::new));
  }

  private static PipelineStage categoricalImputer(
      Imputation impute, List<String> inputs, List<String> outputs) {
    if (impute.categorical().equals("constant")) {
      List<String> items = new ArrayList<>();
      for (int i = 0; i < inputs.size(); i++) {
        items.add(
            MostFrequentImputer.fill(inputs.get(i), impute.categoricalValue(), outputs.get(i)));
      }
      return SqlText.addColumns(items);
    }
    return new MostFrequentImputer(inputs, outputs);
  }

  private static PipelineStage binner(Binning b, String in, String out) {
    if (b.quantiles() > 0) {
      return new QuantileDiscretizer()
          .setNumBuckets(b.quantiles())
          .setInputCol(in)
          .setOutputCol(out)
          .setHandleInvalid("keep");
    }
    return new Bucketizer().setSplits(b.splits()).setInputCol(in).setOutputCol(out);
  }

  private static List<BiFunction<String, String, PipelineStage>> vectorStages(
      FeatureConfig config) {
    List<BiFunction<String, String, PipelineStage>> out = new ArrayList<>();
    Selection select = config.select();
    select
        .varianceThreshold()
        .ifPresent(
            t ->
                out.add(
                    (in, o) ->
                        new VarianceThresholdSelector()
                            .setVarianceThreshold(t)
                            .setFeaturesCol(in)
                            .setOutputCol(o)));
    select
        .univariate()
        .ifPresent(
            u ->
                out.add(
                    (in, o) ->
                        new UnivariateFeatureSelector()
                            .setFeatureType(u.featureType())
                            .setLabelType(u.labelType())
                            .setSelectionMode(u.sparkMode())
                            .setSelectionThreshold(u.value())
                            .setFeaturesCol(in)
                            .setLabelCol(ModelColumns.LABEL)
                            .setOutputCol(o)));
    config
        .pca()
        .ifPresent(
            p ->
                out.add(
                    (in, o) ->
                        p.k().isPresent()
                            ? new PCA().setK(p.k().getAsInt()).setInputCol(in).setOutputCol(o)
                            : new VariancePca(in, o, p.explainedVariance().getAsDouble())));
    return out;
  }
}
