package io.lakeml.model;

import io.lakeml.ml.DataQualityException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Whether two models can be judged against each other, the one rule {@code evaluate.compare} and
 * {@code promote} share: they answer the same question (task, label and classes, so the same
 * positive class) and the other model can score the reference model's test rows (each of its input
 * columns is there, with the type it was trained on). Both are then scored on exactly those rows.
 * Anything else is a data problem, exit code 3, named in the message.
 */
public final class Comparability {
  private Comparability() {}

  /**
   * @param reference the model whose test rows are scored (the one evaluated, or the candidate)
   * @param other the model judged beside it (a compared model, or the champion)
   * @param testRows the schema of the reference model's test rows
   * @param use what the comparison is for, such as {@code evaluate.compare}
   */
  public static void check(
      ModelMetadata reference, ModelMetadata other, StructType testRows, String use) {
    if (!reference.question().equals(other.question())) {
      throw new DataQualityException(
          String.format(
              "%s: %s v%d (%s) and %s v%d (%s) do not answer the same question; compare models"
                  + " of one task, label and classes",
              use,
              reference.name(),
              reference.version(),
              reference.question().describe(),
              other.name(),
              other.version(),
              other.question().describe()));
    }
    List<String> unreadable = unreadable(other.inputSchema(), testRows);
    if (!unreadable.isEmpty()) {
      throw new DataQualityException(
          String.format(
              "%s: %s v%d cannot score the test rows of %s v%d: %s; compare models trained on"
                  + " the same columns",
              use,
              other.name(),
              other.version(),
              reference.name(),
              reference.version(),
              String.join("; ", unreadable)));
    }
  }

  /** The input columns a model needs that the rows lack or hold with another type. */
  static List<String> unreadable(StructType inputs, StructType rows) {
    List<String> out = new ArrayList<>();
    for (StructField f : inputs.fields()) {
      if (!List.of(rows.fieldNames()).contains(f.name())) {
        out.add(f.name() + " is missing");
      } else if (!rows.apply(f.name()).dataType().sameType(f.dataType())) {
        out.add(
            String.format(
                "%s is %s, the model was trained on %s",
                f.name(),
                rows.apply(f.name()).dataType().simpleString(),
                f.dataType().simpleString()));
      }
    }
    return out;
  }
}
