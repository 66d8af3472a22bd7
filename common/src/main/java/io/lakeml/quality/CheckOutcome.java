package io.lakeml.quality;

import io.lakeml.ml.JsonFields;
import java.util.Map;

/** How one check came out: the value measured and, when it failed, why. */
public record CheckOutcome(
    String check, QualityCheck.Level level, boolean passed, Double actual, String message) {
  public Map<String, Object> toMap() {
    return JsonFields.object(
        "check", check,
        "level", level.configName(),
        "passed", passed,
        "actual", actual,
        "message", message);
  }
}
