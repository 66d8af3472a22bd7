package io.lakeml.model;

import io.lakeml.io.CommittedData;
import io.lakeml.lake.Lake;
import io.lakeml.lake.LakeTables;
import io.lakeml.lake.TableId;
import io.lakeml.ml.HashSplit;
import io.lakeml.ml.JsonFields;
import io.lakeml.ml.Split;
import io.lakeml.ml.SplitConfig;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The rows a model learned from, as its metadata records them, and the split settings: enough to
 * recompute any of its splits exactly. Evaluation, promotion and drift use it to score the very
 * test rows training held out.
 *
 * <p>A model trained on the lake records the curated table, the snapshot it read and the run dates
 * it selected: reading that snapshot again (Iceberg time travel) gives the same rows whatever was
 * ingested since, and the snapshot is tagged so that snapshot expiry keeps it. A model trained on a
 * Parquet folder ({@code train.input}), or registered before the lake held tables, records the
 * folders.
 *
 * @param table the table and snapshot read, when training read the lake
 * @param paths the Parquet folders read otherwise
 */
public record TrainingData(Optional<TableSnapshot> table, List<String> paths, SplitConfig split) {
  /** A snapshot of a lake table, filtered to some run dates. */
  public record TableSnapshot(String table, long snapshotId, List<LocalDate> runDates) {
    public TableSnapshot {
      runDates = List.copyOf(runDates);
    }

    /** {@code lake.curated.insurance_claims@123 run_date in [2026-11-01]}. */
    public String describe() {
      return table + "@" + snapshotId + " run_date in " + runDates;
    }
  }

  public TrainingData {
    paths = List.copyOf(paths);
    if (table.isEmpty() && paths.isEmpty()) {
      throw new IllegalArgumentException("training data must name a table or a folder");
    }
  }

  /** Rows of a lake table as of a snapshot. */
  public static TrainingData of(TableSnapshot table, SplitConfig split) {
    return new TrainingData(Optional.of(table), List.of(), split);
  }

  /** Rows of Parquet folders. */
  public static TrainingData of(List<String> paths, SplitConfig split) {
    return new TrainingData(Optional.empty(), paths, split);
  }

  /** The data as one line. */
  public String describe() {
    return table.map(TableSnapshot::describe).orElse(String.join(",", paths));
  }

  /** The last run date read, when training read the lake's table. */
  public Optional<LocalDate> lastRunDate() {
    return table.map(t -> t.runDates().get(t.runDates().size() - 1));
  }

  /** Every row read, before the split: the table as of its snapshot, or the folders. */
  public Dataset<Row> all(SparkSession spark, Lake lake) {
    if (table.isEmpty()) {
      return CommittedData.parquet(spark, paths);
    }
    TableSnapshot t = table.get();
    TableId id = lake.tableIdOf(t.table());
    return LakeTables.of(spark, lake)
        .readDays(id, OptionalLong.of(t.snapshotId()), t.runDates())
        .drop(LakeTables.RUN_DATE);
  }

  /** The rows of one split, with the label encoded as the model saw it. */
  public Dataset<Row> rows(SparkSession spark, Lake lake, ModelQuestion question, Split which) {
    return question.encodeLabel(
        HashSplit.only(HashSplit.assign(all(spark, lake), split, question.stratum(split)), which));
  }

  /** The JSON form: an object for a table, a folder or a list of folders otherwise. */
  Object toJson() {
    if (table.isPresent()) {
      TableSnapshot t = table.get();
      return JsonFields.object(
          "table", t.table(),
          // As text: snapshot ids use all 64 bits, more than a JSON double keeps exact.
          "snapshot_id", Long.toString(t.snapshotId()),
          "run_dates", t.runDates().stream().map(LocalDate::toString).toList());
    }
    // One folder stays a plain string, as models registered before multi-day training have it.
    return paths.size() == 1 ? paths.get(0) : paths;
  }

  static TrainingData fromJson(JsonFields m, SplitConfig split) {
    if (m.raw("training_data").orElse(null) instanceof Map<?, ?>) {
      JsonFields f = m.object("training_data");
      return of(
          new TableSnapshot(
              f.string("table"),
              Long.parseLong(f.string("snapshot_id")),
              f.strings("run_dates").stream().map(LocalDate::parse).toList()),
          split);
    }
    return of(m.strings("training_data"), split);
  }
}
