package io.lakeml.features;

import io.lakeml.sql.Identifiers;
import io.lakeml.sql.SqlText;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.attribute.Attribute;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.feature.MinMaxScaler;
import org.apache.spark.ml.feature.MinMaxScalerModel;
import org.apache.spark.ml.feature.OneHotEncoder;
import org.apache.spark.ml.feature.OneHotEncoderModel;
import org.apache.spark.ml.feature.RobustScaler;
import org.apache.spark.ml.feature.RobustScalerModel;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.StandardScalerModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Scales the numeric columns, one-hot encodes the index columns and assembles both into one vector,
 * building a single vector per row.
 *
 * <p>What is learned is learned by Spark's own estimators, on the same rows: {@link
 * StandardScaler}, {@link MinMaxScaler} or {@link RobustScaler} for the statistics and {@link
 * OneHotEncoder} for the categories and slot names. Only applying them differs: the fitted form is
 * one SQL statement (each scaled value and each one-hot slot as a plain column, with the learned
 * numbers as literals and Spark's arithmetic) followed by one {@link VectorAssembler}. Chaining
 * Spark's stages builds, serializes and reads back a vector per stage and per one-hot column; on
 * the fraud model those four stages took 22 of the 29 s that scoring 10 M rows took (measured in
 * bench/RESULTS.md, section 4). The vectors are equal, bit for bit, and the fitted stages are
 * standard ones that load with plain Spark. One difference: the slots' ML attributes are numeric,
 * not binary, so a tree model treats a one-hot slot as a 0/1 number; a split between 0 and 1
 * divides the rows as the categorical split would.
 */
public final class FeatureAssembler extends FittedStages {
  private static final long serialVersionUID = 1L;
  private static final String SCALED = "_scaled_";
  private static final String IMPUTED = "_imputed_";
  private static final String DOT = "\u2024";
  private static final String BACKTICK = "\u2035";
  private final List<String> numeric;
  private final String scale;
  private final List<String> indexed;
  private final boolean oneHot;
  private final String output;

  /**
   * @param numeric numeric columns, scaled in order first in the vector
   * @param scale {@code none}, {@code standard}, {@code min-max} or {@code robust}
   * @param indexed index columns (categories, bins) after them, one-hot or as they are
   * @param oneHot one slot per known category, the unknown bucket as the reference level
   * @param output the vector column
   */
  public FeatureAssembler(
      List<String> numeric, String scale, List<String> indexed, boolean oneHot, String output) {
    super("featureAssembler");
    if (!FeatureConfig.SCALE.contains(scale)) {
      throw new IllegalArgumentException(
          "scale must be one of " + FeatureConfig.SCALE + ", got: " + scale);
    }
    this.numeric = List.copyOf(numeric);
    this.scale = scale;
    this.indexed = List.copyOf(indexed);
    this.oneHot = oneHot;
    this.output = output;
  }

  /** The name a scaled numeric column gets: {@code _scaled_<feature>}. */
  static String scaledName(String column) {
    return SCALED + (column.startsWith(IMPUTED) ? column.substring(IMPUTED.length()) : column);
  }

  @Override
  protected List<Transformer> fitStages(Dataset<?> training) {
    List<String> items = new ArrayList<>();
    List<String> vectorInputs = new ArrayList<>();
    if (!numeric.isEmpty()) {
      if (scale.equals("none")) {
        vectorInputs.addAll(numeric);
      } else {
        List<String> scaled = scaledColumns(training.toDF());
        for (int i = 0; i < numeric.size(); i++) {
          String name = scaledName(numeric.get(i));
          items.add(scaled.get(i) + " AS " + Identifiers.quote(name));
          vectorInputs.add(name);
        }
      }
    }
    if (oneHot && !indexed.isEmpty()) {
      for (String[] slot : oneHotSlots(training)) {
        // slot = {index column, index value, slot column}
        items.add(
            String.format(
                "IF(%s = %s, 1.0D, 0.0D) AS %s",
                Identifiers.quote(slot[0]), slot[1], Identifiers.quote(slot[2])));
        vectorInputs.add(slot[2]);
      }
    } else {
      vectorInputs.addAll(indexed);
    }
    List<Transformer> stages = new ArrayList<>();
    if (!items.isEmpty()) {
      stages.add(SqlText.addColumns(items));
    }
    stages.add(
        new VectorAssembler()
            .setInputCols(vectorInputs.toArray(String[]::new))
            .setOutputCol(output));
    return stages;
  }

  /**
   * The scaled value of each numeric column as a SQL expression, with the statistics Spark's scaler
   * learns and the arithmetic its model applies: {@code (x - shift) * factor}, where a constant
   * column's factor is 0 (min-max: every value becomes 0.5, NaN stays NaN).
   */
  private List<String> scaledColumns(Dataset<Row> training) {
    ScalerFit fit = fitScaler(training);
    double[] shift = fit.shift();
    double[] divisor = fit.divisor();
    List<String> out = new ArrayList<>();
    for (int i = 0; i < numeric.size(); i++) {
      String x = "CAST(" + Identifiers.quote(numeric.get(i)) + " AS DOUBLE)";
      // Spark multiplies by the reciprocal; so does this, for the same bits.
      double factor = divisor[i] == 0.0 ? 0.0 : 1.0 / divisor[i];
      if (scale.equals("min-max")) {
        out.add(
            divisor[i] == 0.0
                ? String.format("IF(isnan(%s), %s, 0.5D)", x, x)
                : String.format(
                    "(%s - %s) * %s + 0.0D",
                    x, SqlText.literal(shift[i]), SqlText.literal(factor)));
      } else {
        out.add(
            String.format("(%s - %s) * %s", x, SqlText.literal(shift[i]), SqlText.literal(factor)));
      }
    }
    return out;
  }

  /** The shift and divisor per numeric column that Spark's scaler learns on the training rows. */
  private record ScalerFit(double[] shift, double[] divisor) {}

  private ScalerFit fitScaler(Dataset<Row> training) {
    String in = "_scaler_input";
    Dataset<Row> vectors =
        new VectorAssembler()
            .setInputCols(numeric.toArray(String[]::new))
            .setOutputCol(in)
            .transform(training);
    double[] shift;
    double[] divisor;
    switch (scale) {
      case "standard" -> {
        StandardScalerModel m =
            new StandardScaler()
                .setWithMean(true)
                .setWithStd(true)
                .setInputCol(in)
                .setOutputCol("_scaler_output")
                .fit(vectors);
        shift = m.mean().toArray();
        divisor = m.std().toArray();
      }
      case "robust" -> {
        RobustScalerModel m =
            new RobustScaler()
                .setWithCentering(true)
                .setWithScaling(true)
                .setInputCol(in)
                .setOutputCol("_scaler_output")
                .fit(vectors);
        shift = m.median().toArray();
        divisor = m.range().toArray();
      }
      default -> {
        MinMaxScalerModel m =
            new MinMaxScaler().setInputCol(in).setOutputCol("_scaler_output").fit(vectors);
        shift = m.originalMin().toArray();
        divisor = new double[shift.length];
        for (int i = 0; i < shift.length; i++) {
          divisor[i] = m.originalMax().apply(i) - shift[i];
        }
      }
    }
    return new ScalerFit(shift, divisor);
  }

  /**
   * Each one-hot slot as {@code {index column, index value, slot column}}, named as {@link
   * VectorAssembler} names the slots of Spark's encoder ({@code <column>_<category>}).
   */
  private List<String[]> oneHotSlots(Dataset<?> training) {
    String[] encoded = indexed.stream().map(c -> "_onehot" + c).toArray(String[]::new);
    OneHotEncoderModel model =
        new OneHotEncoder()
            .setInputCols(indexed.toArray(String[]::new))
            .setOutputCols(encoded)
            // The indexer maps unseen and null values to its own last index (and a bin index is
            // never out of range); dropping the last slot makes "unknown" the reference level.
            .setHandleInvalid("error")
            .setDropLast(true)
            .fit(training);
    StructType encodedSchema = model.transformSchema(training.schema());
    List<String[]> out = new ArrayList<>();
    for (int c = 0; c < encoded.length; c++) {
      AttributeGroup group = AttributeGroup.fromStructField(encodedSchema.apply(encoded[c]));
      Attribute[] attrs = group.attributes().isDefined() ? group.attributes().get() : null;
      for (int i = 0; i < group.size(); i++) {
        String name = attrs != null && attrs[i].name().isDefined() ? attrs[i].name().get() : "" + i;
        out.add(new String[] {indexed.get(c), i + ".0D", slotColumn(encoded[c] + "_" + name)});
      }
    }
    return out;
  }

  /**
   * A slot's column name. {@link VectorAssembler} resolves its inputs as column expressions, where
   * a dot reaches into a struct and a back-tick quotes: a category's dots and back-ticks are
   * written as look-alikes ({@value #DOT}, {@value #BACKTICK}), which {@link #categoryName} turns
   * back.
   */
  static String slotColumn(String name) {
    return name.replace(".", DOT).replace("`", BACKTICK);
  }

  /** A slot's name as the category reads, for reports. */
  public static String categoryName(String slotColumn) {
    return slotColumn.replace(DOT, ".").replace(BACKTICK, "`");
  }

  @Override
  public StructType transformSchema(StructType schema) {
    for (String c : numeric) {
      schema.apply(c); // fails naming a missing column
    }
    for (String c : indexed) {
      schema.apply(c);
    }
    return schema.add(output, SQLDataTypes.VectorType(), false);
  }
}
