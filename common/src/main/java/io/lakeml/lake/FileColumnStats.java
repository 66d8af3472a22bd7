package io.lakeml.lake;

import java.util.Optional;

/**
 * What Iceberg recorded about one column in the data files of a snapshot, summed over the files: no
 * pass over the data. Bounds are kept for numeric columns only (Iceberg truncates the bounds of
 * strings, and the report shows numbers).
 *
 * @param values values including nulls (the rows the files hold)
 * @param nulls null values
 * @param nans NaN values (floating-point columns)
 */
public record FileColumnStats(
    String column,
    long values,
    long nulls,
    long nans,
    Optional<Double> min,
    Optional<Double> max) {}
