package io.lakeml.drift;

import io.lakeml.ml.JsonFields;
import io.lakeml.model.ModelMetadata;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One batch compared with a model's baseline: the verdict, why, and every column's measures. {@code
 * drift.json} and the drift page are both drawn from it, so they cannot disagree.
 *
 * @param input the batch compared
 * @param baselineFile the baseline compared with
 * @param prediction the model's output column, where its task has one
 * @param versions the Spark and lakeml versions of the drift run
 */
public record DriftResult(
    String model,
    int version,
    LocalDate runDate,
    String runId,
    String input,
    long rows,
    long baselineRows,
    String baselineFile,
    DriftStatus status,
    List<String> alerts,
    DriftConfig thresholds,
    Optional<ColumnDrift> prediction,
    List<ColumnDrift> columns,
    ModelMetadata.Versions versions) {
  public DriftResult {
    alerts = List.copyOf(alerts);
    columns = List.copyOf(columns);
  }

  /** The columns by how far they moved, the most moved (largest PSI) first. */
  public List<ColumnDrift> byPsi() {
    List<ColumnDrift> sorted = new java.util.ArrayList<>(columns);
    sorted.sort(java.util.Comparator.comparingDouble((ColumnDrift c) -> c.psi()).reversed());
    return sorted;
  }

  public long columnsWith(DriftStatus s) {
    return columns.stream().filter(c -> c.status() == s).count();
  }

  /** The thresholds as {@code drift.json} records them. */
  public Map<String, Object> thresholdsMap() {
    return JsonFields.object(
        "psi_warn", thresholds.psiWarn(),
        "psi_alert", thresholds.psiAlert(),
        "ks_alert", thresholds.ksAlert(),
        "new_category_alert", thresholds.newCategoryAlert(),
        "prediction_psi_alert", thresholds.predictionPsiAlert());
  }

  /** The JSON form of {@code drift.json}. */
  public Map<String, Object> toMap() {
    return JsonFields.object(
        "model", model,
        "version", version,
        "run_date", runDate.toString(),
        "run_id", runId,
        "input", input,
        "rows", rows,
        "baseline_rows", baselineRows,
        "baseline", baselineFile,
        "status", status.configName(),
        "alerts", alerts,
        "thresholds", thresholdsMap(),
        "prediction", prediction.map(ColumnDrift::toMap).orElse(null),
        "columns", columns.stream().map(ColumnDrift::toMap).toList(),
        "spark_version", versions.spark(),
        "lakeml_version", versions.lakeml());
  }
}
