package io.lakeml.features;

import java.util.List;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.feature.PCA;
import org.apache.spark.ml.feature.PCAModel;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * PCA keeping the smallest number of components whose cumulative explained variance reaches a
 * target share, on the training rows. The fitted form is Spark's own {@link PCAModel} with that k.
 */
public final class VariancePca extends FittedStages {
  private static final long serialVersionUID = 1L;
  private final String inputCol;
  private final String outputCol;
  private final double target;

  public VariancePca(String inputCol, String outputCol, double target) {
    super("variancePca");
    this.inputCol = inputCol;
    this.outputCol = outputCol;
    this.target = target;
  }

  @Override
  protected List<Transformer> fitStages(Dataset<?> training) {
    Row first = training.select(inputCol).first();
    int dims = ((Vector) first.get(0)).size();
    PCAModel full =
        new PCA().setInputCol(inputCol).setOutputCol(outputCol).setK(dims).fit(training);
    int k = componentsFor(full.explainedVariance().toArray(), target);
    PCAModel chosen =
        k == dims
            ? full
            : new PCA().setInputCol(inputCol).setOutputCol(outputCol).setK(k).fit(training);
    return List.of(chosen);
  }

  /** The smallest k whose first k variance shares add up to at least {@code target}. */
  static int componentsFor(double[] shares, double target) {
    double sum = 0.0;
    for (int i = 0; i < shares.length; i++) {
      sum += shares[i];
      // A hair of tolerance: shares of a full-rank fit add up to 1 only up to rounding.
      if (sum >= target - 1e-12) {
        return i + 1;
      }
    }
    return shares.length;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    schema.apply(inputCol);
    return schema.add(outputCol, SQLDataTypes.VectorType(), false);
  }
}
