package io.lakeml.ml;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * The label as a model sees it: a class index for classification (the positive value of a binary
 * label is 1.0, the other 0.0; several classes are numbered in sorted order) or the number itself
 * for regression. The guard rails run before any fit: a label with nulls or with a single class
 * fails naming the problem (logistic regression on one class would otherwise "succeed" with zero
 * coefficients).
 */
public final class Labels {
  private Labels() {}

  /**
   * The two label values, negative first and positive second, from the row count of each value
   * ({@code null} for rows without a label); checked.
   */
  public static List<String> classes(
      Map<String, Long> countsByValue, String label, String positive) {
    List<String> values = checkedValues(countsByValue, label);
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

  /** The classes of a multiclass label, sorted; at least two; checked. */
  public static List<String> classes(Map<String, Long> countsByValue, String label) {
    List<String> values = checkedValues(countsByValue, label);
    if (values.size() < 2) {
      throw new DataQualityException(
          String.format(
              "label '%s' has a single class '%s'; a classifier needs two", label, values.get(0)));
    }
    return values;
  }

  /** A regression label: no nulls, and more than one value (else R² is undefined). */
  public static void checkNumeric(long nulls, long distinct, String label) {
    if (nulls > 0) {
      throw new DataQualityException(
          String.format(
              "label '%s' is null in %d rows; every training row needs a label", label, nulls));
    }
    if (distinct < 2) {
      throw new DataQualityException(
          String.format("label '%s' has a single value; a regression needs it to vary", label));
    }
  }

  /** Adds the numeric {@value ModelColumns#LABEL} column: each class's index in {@code classes}. */
  public static Dataset<Row> encode(Dataset<Row> rows, String label, List<String> classes) {
    Column text = functions.col(label).cast("string");
    Column index = functions.lit(null).cast("double");
    for (int i = classes.size() - 1; i >= 0; i--) {
      index = functions.when(text.equalTo(classes.get(i)), (double) i).otherwise(index);
    }
    return rows.withColumn(ModelColumns.LABEL, index);
  }

  /** Adds the numeric {@value ModelColumns#LABEL} column: the label as a double. */
  public static Dataset<Row> encodeNumeric(Dataset<Row> rows, String label) {
    return rows.withColumn(ModelColumns.LABEL, functions.col(label).cast("double"));
  }

  private static List<String> checkedValues(Map<String, Long> countsByValue, String label) {
    long nulls = countsByValue.getOrDefault(null, 0L);
    if (nulls > 0) {
      throw new DataQualityException(
          String.format(
              "label '%s' is null in %d rows; every training row needs a label", label, nulls));
    }
    List<String> values =
        countsByValue.keySet().stream().filter(Objects::nonNull).sorted().toList();
    if (values.isEmpty()) {
      throw new DataQualityException(String.format("label '%s': no training rows", label));
    }
    return values;
  }
}
