package io.lakeml.train;

import io.lakeml.io.CommittedData;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What a model's metadata says about the rows it learned from, enough to recompute any of its
 * splits exactly: the data, the split settings, the task, the label and its classes. Evaluation and
 * promotion use it to score the very test rows training held out.
 */
public record TrainedOn(
    List<String> data, SplitConfig split, Task task, Optional<String> label, List<String> classes) {
  public TrainedOn {
    data = List.copyOf(data);
    classes = List.copyOf(classes);
  }

  /** The data as one line: the folder, or the folders joined by commas. */
  public String dataDescription() {
    return String.join(",", data);
  }

  /** The metadata entries this record is read back from. */
  public Map<String, Object> toMetadata() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("task", task.displayName());
    label.ifPresent(l -> m.put("label", l));
    if (task.isClassification()) {
      m.put("classes", classes);
    }
    // One folder stays a plain string, as models registered before multi-day training have it.
    m.put("training_data", data.size() == 1 ? data.get(0) : data);
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("seed", split.seed());
    s.put("train", split.train());
    s.put("validation", split.validation());
    s.put("test", split.test());
    s.put("key", split.key());
    s.put("stratify", split.stratify());
    m.put("split", s);
    return m;
  }

  @SuppressWarnings("unchecked")
  public static TrainedOn fromMetadata(Map<String, Object> meta) {
    Map<String, Object> s = (Map<String, Object>) meta.get("split");
    SplitConfig split =
        new SplitConfig(
            ((Number) s.get("train")).doubleValue(),
            ((Number) s.get("validation")).doubleValue(),
            ((Number) s.get("test")).doubleValue(),
            ((Number) s.get("seed")).longValue(),
            (List<String>) s.get("key"),
            Boolean.TRUE.equals(s.get("stratify")));
    // Models registered before tasks existed were all binary classifiers.
    Task task =
        meta.containsKey("task") ? Task.byDisplayName((String) meta.get("task")) : Task.BINARY;
    Object data = meta.get("training_data");
    return new TrainedOn(
        data instanceof List<?> l ? (List<String>) l : List.of((String) data),
        split,
        task,
        Optional.ofNullable((String) meta.get("label")),
        (List<String>) meta.getOrDefault("classes", List.of()));
  }

  /** The split's stratum column: the label, for a stratified classification. */
  public Optional<String> stratum() {
    return task.isClassification() && split.stratify() ? label : Optional.empty();
  }

  /** The rows of one split of the training data, with the label encoded as the model saw it. */
  public Dataset<Row> rows(SparkSession spark, String splitName) {
    Dataset<Row> data = CommittedData.parquet(spark, this.data);
    return encodeLabel(HashSplit.only(HashSplit.assign(data, split, stratum()), splitName));
  }

  /** Adds the numeric label column where the task has a label. */
  public Dataset<Row> encodeLabel(Dataset<Row> rows) {
    if (task.isClassification()) {
      return Labels.encode(rows, label.orElseThrow(), classes);
    }
    return task == Task.REGRESSION ? Labels.encodeNumeric(rows, label.orElseThrow()) : rows;
  }
}
