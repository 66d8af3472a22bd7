package io.lakeml.baseline;

import io.lakeml.sql.Identifiers;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * What a model's inputs and predictions looked like on its training rows, saved beside the model as
 * {@value #FILE} when it is trained: a {@link Distribution} per input column and one of the
 * prediction (the positive probability of a binary model, the predicted class or number, or the
 * cluster). Drift is measured against it.
 */
public record Baseline(
    long rows, Map<String, Distribution> columns, Optional<Distribution> prediction) {
  public static final String FILE = "baseline.json";

  /**
   * Profiles {@code scored}: training rows with the model's output columns added (as {@code score}
   * names them). {@code inputs} are the model's input columns; {@code predictionColumn} the output
   * to profile, if the task has one.
   */
  public static Baseline of(
      Dataset<Row> scored, StructType inputs, Optional<String> predictionColumn) {
    Map<String, Distribution.Kind> columns = new LinkedHashMap<>();
    for (StructField f : inputs.fields()) {
      columns.put(f.name(), Profiler.kindOf(f.dataType()));
    }
    predictionColumn.ifPresent(
        p -> columns.put(p, Profiler.kindOf(scored.schema().apply(p).dataType())));
    // Two passes (percentiles, then counts) over the model's output: cache the profiled columns
    // once, so the model's transform is neither computed nor optimized twice.
    Dataset<Row> profiled =
        scored
            .select(
                columns.keySet().stream()
                    .map(c -> scored.col(Identifiers.quote(c)))
                    .toArray(Column[]::new))
            .persist(StorageLevel.MEMORY_AND_DISK());
    Map<String, Distribution> profiles;
    try {
      profiles = Profiler.baseline(profiled, columns);
    } finally {
      profiled.unpersist();
    }
    Optional<Distribution> prediction = predictionColumn.map(profiles::remove);
    long rows =
        profiles.values().stream()
            .findFirst()
            .or(() -> prediction)
            .map(Distribution::rows)
            .orElse(0L);
    return new Baseline(rows, profiles, prediction);
  }

  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rows", rows);
    Map<String, Object> cols = new LinkedHashMap<>();
    columns.forEach((c, p) -> cols.put(c, p.toMap()));
    m.put("columns", cols);
    prediction.ifPresent(
        p -> {
          Map<String, Object> pm = new LinkedHashMap<>();
          pm.put("column", p.column());
          pm.putAll(p.toMap());
          m.put("prediction", pm);
        });
    return m;
  }

  @SuppressWarnings("unchecked")
  public static Baseline fromMap(Map<String, Object> m) {
    Map<String, Distribution> columns = new LinkedHashMap<>();
    ((Map<String, Object>) m.get("columns"))
        .forEach((c, p) -> columns.put(c, Distribution.fromMap(c, (Map<String, Object>) p)));
    Optional<Distribution> prediction =
        Optional.ofNullable((Map<String, Object>) m.get("prediction"))
            .map(p -> Distribution.fromMap((String) p.get("column"), p));
    return new Baseline(((Number) m.get("rows")).longValue(), columns, prediction);
  }
}
