package io.lakeml.quality;

import io.lakeml.lake.FileColumnStats;
import java.util.Map;

/**
 * What ingest measured of a day while writing it: the rows by what became of them (from Spark's
 * observation of the write), the values of the checks that need a computation over the rows, and
 * per column what Iceberg recorded in the staged data files.
 *
 * @param read rows read from the input
 * @param accepted rows staged to the curated table
 * @param quarantined rows staged to the quarantine table
 * @param duplicates accepted rows dropped as repeats
 * @param rejectionsPerRule quarantine reasons per rule ({@code type:age}, ...)
 * @param observed the checks' aggregates, by {@link QualityGate#aggregateName}
 * @param columns the curated columns' file statistics
 */
public record DayMeasures(
    long read,
    long accepted,
    long quarantined,
    long duplicates,
    Map<String, Long> rejectionsPerRule,
    Map<String, Object> observed,
    Map<String, FileColumnStats> columns) {
  public DayMeasures {
    rejectionsPerRule = Map.copyOf(rejectionsPerRule);
    observed = java.util.Collections.unmodifiableMap(new java.util.HashMap<>(observed));
    // In the table's column order, as the report lists them.
    columns = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(columns));
  }

  /** The share of a column's values that are present among the accepted rows. */
  public double completeness(String column) {
    FileColumnStats s = columns.get(column);
    if (s == null || s.values() == 0) {
      return accepted == 0 ? Double.NaN : 0.0;
    }
    return 1.0 - (double) s.nulls() / s.values();
  }
}
