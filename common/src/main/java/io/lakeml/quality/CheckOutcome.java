package io.lakeml.quality;

import java.util.LinkedHashMap;
import java.util.Map;

/** How one check came out: the value measured and, when it failed, why. */
public record CheckOutcome(
    String check, String level, boolean passed, Double actual, String message) {
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("check", check);
    m.put("level", level);
    m.put("passed", passed);
    m.put("actual", actual);
    m.put("message", message);
    return m;
  }
}
