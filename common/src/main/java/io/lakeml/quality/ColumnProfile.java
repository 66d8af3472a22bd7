package io.lakeml.quality;

import java.util.LinkedHashMap;
import java.util.Map;

/** Per column of a published dataset: nulls, approximate distinct count, min and max. */
public record ColumnProfile(
    String column, long nulls, double completeness, long distinct, Double min, Double max) {
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("column", column);
    m.put("nulls", nulls);
    m.put("completeness", completeness);
    m.put("distinct_approx", distinct);
    m.put("min", min);
    m.put("max", max);
    return m;
  }
}
