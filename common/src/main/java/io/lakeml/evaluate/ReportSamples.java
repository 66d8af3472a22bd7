package io.lakeml.evaluate;

import io.lakeml.io.Json;
import io.lakeml.io.LakeFiles;
import io.lakeml.lake.Lake;
import io.lakeml.ml.ModelColumns;
import io.lakeml.ml.Task;
import io.lakeml.model.ModelQuestion;
import io.lakeml.model.TrainingData;
import io.lakeml.report.ReportData;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.ml.feature.PCA;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The small pieces of data a report draws, taken from the scored rows or the lake: bounded samples
 * (never more than a few thousand points reach the driver), the search table, the ingest's
 * data-quality summary.
 */
final class ReportSamples {
  private static final Pattern RUN_DATE = Pattern.compile("run_date=(\\d{4}-\\d{2}-\\d{2})");

  private ReportSamples() {}

  /** Up to {@code n} (actual, predicted) pairs. */
  static List<double[]> actualVsPredicted(Dataset<Row> scored, int n) {
    List<double[]> out = new ArrayList<>();
    for (Row r :
        scored.select(ModelColumns.LABEL, ModelColumns.PREDICTION).limit(n).collectAsList()) {
      out.add(new double[] {r.getDouble(0), r.getDouble(1)});
    }
    return out;
  }

  /**
   * Up to {@code n} rows projected on two principal components (of the features, or the model's own
   * projection), grouped by cluster or class; empty for other tasks.
   */
  static Map<String, List<double[]>> projection(Dataset<Row> scored, ModelQuestion on, int n) {
    Map<String, List<double[]>> out = new TreeMap<>();
    Dataset<Row> sample = scored.limit(n);
    if (on.task() == Task.PROJECTION) {
      for (Row r : sample.select(ModelColumns.PROJECTION).collectAsList()) {
        Vector v = (Vector) r.get(0);
        if (v.size() >= 2) {
          out.computeIfAbsent("rows", k -> new ArrayList<>())
              .add(new double[] {v.apply(0), v.apply(1)});
        }
      }
      return out;
    }
    if (on.task() != Task.CLUSTERING && !on.task().isClassification()) {
      return out;
    }
    Row first = sample.select(ModelColumns.FEATURES).first();
    if (first == null || ((Vector) first.get(0)).size() < 2) {
      return out;
    }
    String group = on.task() == Task.CLUSTERING ? ModelColumns.PREDICTION : ModelColumns.LABEL;
    Dataset<Row> projected =
        new PCA()
            .setK(2)
            .setInputCol(ModelColumns.FEATURES)
            .setOutputCol("_pc")
            .fit(sample)
            .transform(sample)
            .select("_pc", group);
    for (Row r : projected.collectAsList()) {
      Vector v = (Vector) r.get(0);
      int g = ((Number) r.get(1)).intValue();
      String name =
          on.task() == Task.CLUSTERING
              ? "cluster " + g
              : g < on.classes().size() ? on.classes().get(g) : "class " + g;
      out.computeIfAbsent(name, k -> new ArrayList<>()).add(new double[] {v.apply(0), v.apply(1)});
    }
    return out;
  }

  /** The rows of {@code search.csv} beside the model, if there was a search. */
  static List<Map<String, String>> searchTable(LakeFiles files, String versionPath) {
    String path = versionPath + "/search.csv";
    if (!files.exists(path)) {
      return List.of();
    }
    List<String> lines = files.readString(path).lines().filter(l -> !l.isBlank()).toList();
    String[] header = lines.get(0).split(",");
    List<Map<String, String>> out = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", -1);
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < header.length; i++) {
        row.put(header[i], i < cells.length ? cells[i] : "");
      }
      out.add(row);
    }
    return out;
  }

  /**
   * The data-quality summary of the ingest that produced the training data's last run date (from
   * the table's run dates, or the run date in a folder's path), if that report exists.
   */
  @SuppressWarnings("unchecked")
  static Optional<ReportData.DataQuality> dataQuality(
      LakeFiles files, Lake lake, String dataset, TrainingData trainingData) {
    Optional<LocalDate> day =
        trainingData
            .lastRunDate()
            .or(
                () -> {
                  Matcher m = RUN_DATE.matcher(trainingData.describe());
                  LocalDate found = null;
                  while (m.find()) {
                    found = LocalDate.parse(m.group(1));
                  }
                  return Optional.ofNullable(found);
                });
    if (day.isEmpty()) {
      return Optional.empty();
    }
    String path = lake.qualityReport(dataset, day.get());
    if (!files.exists(path)) {
      return Optional.empty();
    }
    Map<String, Object> report = Json.readMap(files.readString(path));
    Map<String, Object> counts = new LinkedHashMap<>();
    for (String k :
        List.of(
            "run_date",
            "status",
            "rows_read",
            "rows_accepted",
            "rows_quarantined",
            "duplicates_dropped")) {
      counts.put(k, report.get(k));
    }
    Object rejections = report.get("rejections_per_rule");
    if (rejections instanceof Map<?, ?> r) {
      ((Map<String, Object>) r).forEach((k, v) -> counts.put("rejected " + k, v));
    }
    List<Map<String, Object>> checks = new ArrayList<>();
    if (report.get("checks") instanceof List<?> list) {
      list.forEach(c -> checks.add((Map<String, Object>) c));
    }
    // The day's profile page, linked from the model's report (reports/<model>/<version>/) by a
    // path relative to it, so the link holds wherever the lake is opened from.
    String profile = lake.qualityDay(dataset, day.get()) + "/index.html";
    Optional<String> href =
        files.exists(profile)
            ? Optional.of(
                "../../data-quality/"
                    + dataset
                    + "/"
                    + profile.substring(profile.lastIndexOf("/run_date=") + 1))
            : Optional.empty();
    return Optional.of(new ReportData.DataQuality(counts, checks, href));
  }
}
