package io.lakeml.quality;

import io.lakeml.ml.JsonFields;
import java.util.Map;

/** Per column of a published dataset: nulls, approximate distinct count, min and max. */
public record ColumnProfile(
    String column, long nulls, double completeness, long distinct, Double min, Double max) {
  public Map<String, Object> toMap() {
    return JsonFields.object(
        "column", column,
        "nulls", nulls,
        "completeness", completeness,
        "distinct_approx", distinct,
        "min", min,
        "max", max);
  }
}
