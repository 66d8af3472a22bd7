package io.lakeml.quality;

import io.lakeml.lake.FileColumnStats;
import io.lakeml.ml.JsonFields;
import java.util.Map;

/**
 * Per column of a published day: nulls, completeness, and the minimum and maximum of numeric
 * columns. Read from the statistics Iceberg keeps for every data file it writes, so profiling costs
 * no pass over the data.
 */
public record ColumnProfile(
    String column, long nulls, double completeness, Double min, Double max) {
  /** The profile of a column from its file statistics. */
  public static ColumnProfile of(FileColumnStats s) {
    double completeness = s.values() == 0 ? 1.0 : 1.0 - (double) s.nulls() / s.values();
    return new ColumnProfile(
        s.column(), s.nulls(), completeness, s.min().orElse(null), s.max().orElse(null));
  }

  public Map<String, Object> toMap() {
    return JsonFields.object(
        "column", column,
        "nulls", nulls,
        "completeness", completeness,
        "min", min,
        "max", max);
  }
}
