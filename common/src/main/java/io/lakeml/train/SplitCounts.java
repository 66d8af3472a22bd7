package io.lakeml.train;

import io.lakeml.ml.HashSplit;
import io.lakeml.ml.Labels;
import io.lakeml.ml.Split;
import io.lakeml.ml.Task;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Rows per split and per label value, from one pass over the split data: the split sizes and
 * everything the label guard rails need (nulls, classes, a constant regression label).
 */
final class SplitCounts {
  private final Map<String, Map<String, Long>> perSplitAndValue;

  private SplitCounts(Map<String, Map<String, Long>> perSplitAndValue) {
    this.perSplitAndValue = perSplitAndValue;
  }

  static SplitCounts of(Dataset<Row> assigned, TrainConfig t) {
    Map<String, Map<String, Long>> counts = new HashMap<>();
    Column split = functions.col(HashSplit.COLUMN);
    if (t.task().isClassification()) {
      for (Row r :
          assigned
              .groupBy(split, functions.col(t.requireLabel()).cast("string"))
              .count()
              .collectAsList()) {
        counts
            .computeIfAbsent(r.getString(0), k -> new HashMap<>())
            .merge(r.isNullAt(1) ? null : r.getString(1), r.getLong(2), Long::sum);
      }
      return new SplitCounts(counts);
    }
    if (t.task() == Task.REGRESSION) {
      Column label = functions.col(t.requireLabel()).cast("double");
      long nulls = 0;
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (Row r :
          assigned
              .groupBy(split)
              .agg(
                  functions.count(functions.lit(1)),
                  functions.count(label),
                  functions.min(label),
                  functions.max(label))
              .collectAsList()) {
        counts.computeIfAbsent(r.getString(0), k -> new HashMap<>()).put("", r.getLong(1));
        nulls += r.getLong(1) - r.getLong(2);
        if (!r.isNullAt(3)) {
          min = Math.min(min, r.getDouble(3));
          max = Math.max(max, r.getDouble(4));
        }
      }
      Labels.checkNumeric(nulls, max > min ? 2 : 1, t.requireLabel());
      return new SplitCounts(counts);
    }
    for (Row r : assigned.groupBy(split).count().collectAsList()) {
      counts.computeIfAbsent(r.getString(0), k -> new HashMap<>()).put("", r.getLong(1));
    }
    return new SplitCounts(counts);
  }

  /** Rows per label value of any rows (after down-sampling, say). */
  static Map<String, Long> perValue(Dataset<Row> rows, String label) {
    Map<String, Long> out = new TreeMap<>();
    for (Row r : rows.groupBy(functions.col(label).cast("string")).count().collectAsList()) {
      out.put(r.getString(0), r.getLong(1));
    }
    return out;
  }

  long rows(Split split) {
    return perSplitAndValue.getOrDefault(split.configName(), Map.of()).values().stream()
        .mapToLong(Long::longValue)
        .sum();
  }

  long total() {
    return perSplitAndValue.values().stream()
        .flatMap(m -> m.values().stream())
        .mapToLong(Long::longValue)
        .sum();
  }

  /** Training rows per class. */
  Map<String, Long> perClass(Split split) {
    return new TreeMap<>(perSplitAndValue.getOrDefault(split.configName(), Map.of()));
  }

  /**
   * The label's classes, checked on all rows and on the training rows (each split must be
   * learnable): binary negative first, multiclass sorted; empty for other tasks.
   */
  List<String> classes(TrainConfig t) {
    if (!t.task().isClassification()) {
      return List.of();
    }
    Map<String, Long> all = new HashMap<>();
    perSplitAndValue.values().forEach(m -> m.forEach((k, v) -> all.merge(k, v, Long::sum)));
    Map<String, Long> train = perSplitAndValue.getOrDefault(Split.TRAIN.configName(), Map.of());
    if (t.task() == Task.BINARY) {
      List<String> classes = Labels.classes(all, t.requireLabel(), t.positiveLabel().orElseThrow());
      Labels.classes(train, t.requireLabel(), t.positiveLabel().orElseThrow());
      return classes;
    }
    List<String> classes = Labels.classes(all, t.requireLabel());
    Labels.classes(train, t.requireLabel());
    return classes;
  }
}
