package io.lakeml.drift;

import io.lakeml.config.ConfigException;
import io.lakeml.config.Settings;
import java.util.List;
import java.util.Optional;

/**
 * {@code drift { model-version, input, columns, psi-warn, psi-alert, ks-alert, new-category-alert,
 * prediction-psi-alert, fail-on-alert }}: which model's baseline a batch is compared with, and when
 * a difference is a warning or an alert.
 *
 * @param input the batch; empty means the rows {@code score} reads for the run date
 * @param columns the input columns to compare; empty means every column the model reads
 * @param failOnAlert an alert makes the job exit with its own code (after writing its results)
 */
public record DriftConfig(
    String modelVersion,
    Optional<String> input,
    List<String> columns,
    double psiWarn,
    double psiAlert,
    double ksAlert,
    double newCategoryAlert,
    double predictionPsiAlert,
    boolean failOnAlert) {
  public DriftConfig {
    columns = List.copyOf(columns);
  }

  public static DriftConfig from(Settings s) {
    s.allowOnly(
        "model-version",
        "input",
        "columns",
        "psi-warn",
        "psi-alert",
        "ks-alert",
        "new-category-alert",
        "prediction-psi-alert",
        "fail-on-alert");
    double warn = s.number("psi-warn", 0.0, 100.0, 0.1);
    double alert = s.number("psi-alert", 0.0, 100.0, 0.25);
    if (warn > alert) {
      throw ConfigException.invalid(
          s.key("psi-warn"), s.raw("psi-warn"), "at most drift.psi-alert (" + alert + ")");
    }
    return new DriftConfig(
        s.string("model-version", "champion"),
        s.optionalString("input").filter(i -> !i.isBlank()),
        s.stringList("columns"),
        warn,
        alert,
        s.number("ks-alert", 0.0, 1.0, 0.2),
        s.number("new-category-alert", 0.0, 1.0, 0.05),
        s.number("prediction-psi-alert", 0.0, 100.0, 0.25),
        s.bool("fail-on-alert", true));
  }
}
