package io.lakeml.quality;

import io.lakeml.run.Console;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The data-quality report of one ingest run: row counts, rejections per rule, outlier bounds, check
 * outcomes and the per-column profile. Written as JSON to the lake and summarized on the console.
 */
public final class QualityReport {
  private final Map<String, Object> report = new LinkedHashMap<>();
  private final List<CheckOutcome> outcomes = new ArrayList<>();
  private final List<ColumnProfile> profile = new ArrayList<>();

  public QualityReport(String dataset, String runDate, String runId, String input) {
    report.put("dataset", dataset);
    report.put("run_date", runDate);
    report.put("run_id", runId);
    report.put("input", input);
  }

  public QualityReport put(String key, Object value) {
    report.put(key, value);
    return this;
  }

  public QualityReport add(List<CheckOutcome> checks, List<ColumnProfile> columns) {
    outcomes.addAll(checks);
    profile.addAll(columns);
    return this;
  }

  public List<CheckOutcome> failedErrors() {
    return outcomes.stream()
        .filter(o -> !o.passed() && o.level() == QualityCheck.Level.ERROR)
        .toList();
  }

  public List<CheckOutcome> failedWarnings() {
    return outcomes.stream()
        .filter(o -> !o.passed() && o.level() == QualityCheck.Level.WARNING)
        .toList();
  }

  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>(report);
    m.put("status", failedErrors().isEmpty() ? "PASSED" : "FAILED");
    m.put("checks", outcomes.stream().map(CheckOutcome::toMap).toList());
    m.put("columns", profile.stream().map(ColumnProfile::toMap).toList());
    return m;
  }

  /** A few readable lines: checks that failed, then one line per column. */
  public void print(Console console) {
    for (CheckOutcome o : outcomes) {
      console.info(
          "  check %-34s %s%s",
          o.check(),
          o.passed() ? "ok" : o.level().name(),
          o.actual() == null ? "" : String.format(Locale.ROOT, " (%.4g)", o.actual()));
      if (!o.passed()) {
        console.info("    %s", o.message());
      }
    }
    console.info("  %-26s %8s %12s %12s", "column", "nulls", "min", "max");
    for (ColumnProfile p : profile) {
      console.info("  %-26s %8d %12s %12s", p.column(), p.nulls(), num(p.min()), num(p.max()));
    }
  }

  private static String num(Double d) {
    if (d == null) {
      return "";
    }
    return d == Math.rint(d) && Math.abs(d) < 1e12
        ? Long.toString(d.longValue())
        : String.format(Locale.ROOT, "%.4g", d);
  }
}
