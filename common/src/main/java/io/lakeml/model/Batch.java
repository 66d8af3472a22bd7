package io.lakeml.model;

import io.lakeml.io.CommittedData;
import io.lakeml.lake.Lake;
import io.lakeml.lake.LakeTables;
import io.lakeml.lake.TableId;
import io.lakeml.ml.DataQualityException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The rows a model scores or drift compares on a run date: a committed Parquet folder when the
 * configuration names one ({@code score.input}, {@code drift.input}), else the run date's rows of
 * the curated table as of its current snapshot, counted from Iceberg's metadata.
 *
 * @param source what was read, for manifests and messages
 * @param snapshotId the curated snapshot read, when the batch came from the table
 * @param rowCount the rows, when known without a pass over them
 */
public record Batch(
    Dataset<Row> rows, String source, OptionalLong snapshotId, OptionalLong rowCount) {

  /** What {@code --validate} shows as the batch of a date. */
  public static String describe(Optional<String> path, Lake lake, String dataset, LocalDate day) {
    return path.map(Lake::resolve)
        .orElse(lake.tableId(Lake.Zone.CURATED, dataset).shortName() + " run_date " + day);
  }

  /** Reads the batch of {@code day}; a date the table does not hold is a data-quality failure. */
  public static Batch read(
      SparkSession spark, Lake lake, Optional<String> path, String dataset, LocalDate day) {
    if (path.isPresent()) {
      String p = Lake.resolve(path.get());
      return new Batch(
          CommittedData.parquet(spark, p), p, OptionalLong.empty(), OptionalLong.empty());
    }
    LakeTables tables = LakeTables.of(spark, lake);
    TableId table = lake.tableId(Lake.Zone.CURATED, dataset);
    OptionalLong snapshot = tables.currentSnapshot(table);
    Map<LocalDate, Long> perDay =
        snapshot.isPresent() ? tables.rowsPerDay(table, snapshot) : Map.of();
    if (!perDay.containsKey(day) && !tables.published(table, day)) {
      throw new DataQualityException(
          String.format(
              "%s holds no rows for run_date %s (it holds %s): ingest the date first",
              table.shortName(), day, perDay.keySet()));
    }
    Dataset<Row> rows = tables.readDays(table, snapshot, List.of(day)).drop(LakeTables.RUN_DATE);
    return new Batch(
        rows, table.toString(), snapshot, OptionalLong.of(perDay.getOrDefault(day, 0L)));
  }
}
