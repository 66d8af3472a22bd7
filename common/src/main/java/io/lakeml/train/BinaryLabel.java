package io.lakeml.train;

import io.lakeml.job.DataQualityException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * A two-class label given as text (fraud_reported = Y/N): the positive value becomes 1.0, the other
 * 0.0. The guard rails run before any fit: a label with nulls or with a single class fails naming
 * the problem (logistic regression on one class would otherwise "succeed" with zero coefficients).
 */
public final class BinaryLabel {
  private BinaryLabel() {}

  /**
   * The two label values, negative first and positive second, from the row count of each value
   * ({@code null} for rows without a label); checked.
   */
  public static List<String> classes(
      Map<String, Long> countsByValue, String label, String positive) {
    long nulls = countsByValue.getOrDefault(null, 0L);
    List<String> values =
        countsByValue.keySet().stream().filter(Objects::nonNull).sorted().toList();
    if (nulls > 0) {
      throw new DataQualityException(
          String.format(
              "label '%s' is null in %d rows; every training row needs a label", label, nulls));
    }
    if (!values.contains(positive)) {
      throw new DataQualityException(
          String.format(
              "label '%s' never has the positive value '%s'; values: %s", label, positive, values));
    }
    if (values.size() == 1) {
      throw new DataQualityException(
          String.format(
              "label '%s' has a single class '%s'; a classifier needs two", label, positive));
    }
    if (values.size() > 2) {
      throw new DataQualityException(
          String.format(
              "label '%s' has %d classes %s; binary training takes two",
              label, values.size(), values));
    }
    String negative = values.get(0).equals(positive) ? values.get(1) : values.get(0);
    return List.of(negative, positive);
  }

  /** Adds the numeric {@value TrainColumns#LABEL} column: 1.0 for the positive value. */
  public static Dataset<Row> encode(Dataset<Row> rows, String label, String positive) {
    return rows.withColumn(
        TrainColumns.LABEL,
        functions.when(functions.col(label).cast("string").equalTo(positive), 1.0).otherwise(0.0));
  }
}
