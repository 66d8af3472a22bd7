package io.lakeml.model;

import io.lakeml.ml.Labels;
import io.lakeml.ml.SplitConfig;
import io.lakeml.ml.Task;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The question a model answers: its task, its label column and the label's classes (binary: the
 * negative class first, the positive second; multiclass: sorted). Two models answer the same
 * question when all three are equal, and only then can they be scored against each other.
 */
public record ModelQuestion(Task task, Optional<String> label, List<String> classes) {
  public ModelQuestion {
    classes = List.copyOf(classes);
  }

  /** The class a binary model gives a probability for. */
  public Optional<String> positiveClass() {
    return task == Task.BINARY && classes.size() == 2
        ? Optional.of(classes.get(1))
        : Optional.empty();
  }

  /** The split's stratum column: the label, for a stratified classification. */
  public Optional<String> stratum(SplitConfig split) {
    return task.isClassification() && split.stratify() ? label : Optional.empty();
  }

  /** Adds the numeric label column where the task has a label, encoded as the model saw it. */
  public Dataset<Row> encodeLabel(Dataset<Row> rows) {
    if (task.isClassification()) {
      return Labels.encode(rows, label.orElseThrow(), classes);
    }
    return task == Task.REGRESSION ? Labels.encodeNumeric(rows, label.orElseThrow()) : rows;
  }

  /** The question in words: {@code binary-classification of fraud_reported (N, Y)}. */
  public String describe() {
    return task.displayName()
        + label.map(l -> " of " + l).orElse("")
        + (classes.isEmpty() ? "" : " " + classes);
  }
}
