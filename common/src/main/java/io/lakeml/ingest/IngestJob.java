package io.lakeml.ingest;

import io.lakeml.config.LakemlConfig;
import io.lakeml.io.Json;
import io.lakeml.job.DataQualityException;
import io.lakeml.job.Job;
import io.lakeml.lake.Lake;
import io.lakeml.quality.CheckOutcome;
import io.lakeml.quality.DeequVerifier;
import io.lakeml.quality.QualityCheck;
import io.lakeml.quality.QualityReport;
import io.lakeml.run.PhaseTimer;
import io.lakeml.run.RunContext;
import io.lakeml.run.StepRecord;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;

/**
 * {@code ingest}: raw files to the curated zone. Every row read ends up in exactly one place:
 * curated, quarantine (with its reasons) or counted as a dropped duplicate; the dataset-level
 * checks run on the rows about to be published and an error-level failure stops the run before
 * anything is written; after writing, the job counts the outputs back and fails unless they add up
 * to the rows read.
 */
public final class IngestJob implements Job {
  @Override
  public String name() {
    return "ingest";
  }

  @Override
  public List<String> plan(LakemlConfig config, LocalDate runDate) {
    IngestConfig ingest = config.requireIngest();
    return List.of(
        String.format(
            "ingest %s (%s, %d declared columns, %d rules, %d outlier rules, %d quality checks) -> %s, rejects -> %s",
            input(config, runDate),
            ingest.source().format(),
            ingest.schema().size(),
            ingest.rules().size(),
            ingest.outliers().size(),
            config.quality().checks().size(),
            config.lake().partition(Lake.Zone.CURATED, config.dataset(), runDate),
            config.lake().partition(Lake.Zone.QUARANTINE, config.dataset(), runDate)));
  }

  @Override
  public void run(RunContext run, LakemlConfig config) {
    run.step("ingest", step -> ingest(run, config, step));
  }

  /** Ingests the run date's input; returns the curated partition's path. */
  public static String ingest(RunContext run, LakemlConfig config, StepRecord step) {
    try {
      return doIngest(run, config, step);
    } catch (Exception e) { // SparkException is checked, though Spark throws it freely
      throw RawReader.explain(e);
    }
  }

  private static String doIngest(RunContext run, LakemlConfig config, StepRecord step) {
    IngestConfig ingest = config.requireIngest();
    String input = input(config, run.runDate());
    Lake lake = config.lake();
    String curated = lake.partition(Lake.Zone.CURATED, config.dataset(), run.runDate());
    String quarantine = lake.partition(Lake.Zone.QUARANTINE, config.dataset(), run.runDate());
    QualityReport report =
        new QualityReport(config.dataset(), run.runDate().toString(), run.runId(), input);

    PhaseTimer timer = new PhaseTimer(step);
    Dataset<Row> validated =
        RowValidator.validate(RawReader.read(run.spark(), ingest, input), ingest);
    // Rules that clip or quarantine act before duplicates are found, as they change rows; flags
    // only add a column, so their statistics can come from the one cache of marked rows below.
    List<OutlierRule> early = ingest.outliers().stream().filter(OutlierRule::changesRows).toList();
    List<OutlierRule> late = ingest.outliers().stream().filter(r -> !r.changesRows()).toList();
    List<Dataset<Row>> cached = new ArrayList<>();
    try {
      List<Outliers.Bounds> earlyBounds = List.of();
      if (!early.isEmpty()) {
        if (early.stream().anyMatch(OutlierRule::needsStatistics)) {
          // The only case that reads the input twice: a cache of the full validated rows.
          validated = validated.persist(StorageLevel.MEMORY_AND_DISK());
          cached.add(validated);
        }
        earlyBounds = Outliers.bounds(validated.filter(RowValidator.isAccepted()), early);
        validated = Outliers.apply(validated, early, earlyBounds);
      }
      boolean sourceOrdersDuplicates = ingest.deduplicate().keepLatestBy().isPresent();
      Dataset<Row> narrow =
          RowStatus.hashKeys(
                  RowValidator.keepRawForRejectsOnly(validated, ingest, sourceOrdersDuplicates),
                  ingest)
              .persist(StorageLevel.MEMORY_AND_DISK());
      cached.add(narrow);
      Dataset<Row> shared = RowStatus.sharedKeys(narrow).persist(StorageLevel.MEMORY_AND_DISK());
      cached.add(shared);
      // Materializes both caches in one pass over the input. Left to the first query that needs
      // them, the join below would parse and validate the input twice, in two concurrent stages.
      step.count("dedup_shared_key_hashes", shared.count());
      Dataset<Row> marked = RowStatus.mark(narrow, shared, ingest);

      RowStatus.Tally tally = RowStatus.tally(marked);
      timer.lap("ms_read_validate");
      long read = tally.total();
      long accepted = tally.rows(RowStatus.ACCEPTED);
      long rejected = tally.rows(RowStatus.QUARANTINED);
      long duplicates = tally.rows(RowStatus.DUPLICATE);
      Map<String, Long> perRule = tally.reasonsPerRule();
      step.input(input, read);
      if (read == 0 && !ingest.allowEmpty()) {
        throw new DataQualityException(
            "ingest: "
                + input
                + " has no rows; the curated partition was left as it was"
                + " (set ingest.allow-empty = true to publish empty days)");
      }

      Dataset<Row> acceptedRows =
          marked.filter(functions.col(RowStatus.COLUMN).equalTo(RowStatus.ACCEPTED));
      List<Outliers.Bounds> lateBounds = Outliers.bounds(acceptedRows, late);
      acceptedRows = Outliers.apply(acceptedRows, late, lateBounds);
      report.put("outliers", inRuleOrder(ingest.outliers(), early, earlyBounds, lateBounds));
      timer.lap("ms_outlier_stats");
      Dataset<Row> publish =
          RowValidator.accepted(acceptedRows, ingest, Outliers.flagColumns(ingest.outliers()));
      Dataset<Row> rejects =
          RowValidator.quarantined(
              marked.filter(functions.col(RowStatus.COLUMN).equalTo(RowStatus.QUARANTINED)),
              ingest);

      // Dataset-level checks on exactly the rows about to be published.
      DeequVerifier.Result quality =
          DeequVerifier.verify(
              run.spark(),
              publish,
              config.quality().checks(),
              lake.qualityMetrics(config.dataset()),
              run.runDate().atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli(),
              Map.of("dataset", config.dataset()));
      timer.lap("ms_quality");
      List<CheckOutcome> outcomes = new ArrayList<>(quality.outcomes());
      outcomes.addAll(quarantineRatio(config.quality().checks(), read, rejected));
      report
          .put("rows_read", read)
          .put("rows_accepted", accepted)
          .put("rows_quarantined", rejected)
          .put("duplicates_dropped", duplicates)
          .put("rejections_per_rule", perRule)
          .add(outcomes, quality.profile());
      String reportPath = lake.qualityReport(config.dataset(), run.runDate());
      run.files().writeString(reportPath, Json.write(report.toMap()));
      report.print(run.console());
      step.output(reportPath, null);
      step.count("quality_warnings", report.failedWarnings().size());
      if (!report.failedErrors().isEmpty()) {
        throw new DataQualityException(
            "data-quality checks failed, nothing was published: "
                + String.join(
                    "; ", report.failedErrors().stream().map(CheckOutcome::message).toList())
                + " (report: "
                + reportPath
                + ")");
      }

      write(publish, ingest.partitionBy(), curated);
      timer.lap("ms_write_curated");
      write(rejects, List.of(), quarantine);
      timer.lap("ms_write_quarantine");

      // Count what was written, independently of the counts above: the conservation check.
      long written = run.spark().read().parquet(curated).count();
      long quarantined = run.spark().read().parquet(quarantine).count();
      timer.lap("ms_count_back");
      step.output(curated, written).output(quarantine, quarantined);
      step.count("rows_read", read)
          .count("rows_accepted", written)
          .count("rows_quarantined", quarantined)
          .count("duplicates_dropped", duplicates);
      perRule.forEach((rule, n) -> step.count("rejected." + rule, n));
      if (read != written + quarantined + duplicates) {
        throw new IllegalStateException(
            String.format(
                "ingest lost rows: read %d != accepted %d + quarantined %d + duplicates %d",
                read, written, quarantined, duplicates));
      }
      return curated;
    } finally {
      cached.forEach(Dataset::unpersist);
    }
  }

  /**
   * Replaces exactly one run date's folder. The write goes to the partition's own path (static
   * overwrite), which works with the S3A committers; Spark's dynamic partition overwrite does not.
   */
  private static void write(Dataset<Row> rows, List<String> partitionBy, String path) {
    DataFrameWriter<Row> writer = rows.write().mode(SaveMode.Overwrite);
    if (!partitionBy.isEmpty()) {
      writer = writer.partitionBy(partitionBy.toArray(String[]::new));
    }
    writer.parquet(path);
  }

  /** The bounds of every outlier rule for the report, in the order the rules are configured. */
  private static List<Map<String, Object>> inRuleOrder(
      List<OutlierRule> rules,
      List<OutlierRule> early,
      List<Outliers.Bounds> earlyBounds,
      List<Outliers.Bounds> lateBounds) {
    List<Map<String, Object>> out = new ArrayList<>();
    int e = 0;
    int l = 0;
    for (OutlierRule r : rules) {
      out.add((early.contains(r) ? earlyBounds.get(e++) : lateBounds.get(l++)).toMap());
    }
    return out;
  }

  private static List<CheckOutcome> quarantineRatio(
      List<QualityCheck> checks, long read, long rejected) {
    List<CheckOutcome> out = new ArrayList<>();
    double ratio = read == 0 ? 0.0 : (double) rejected / read;
    for (QualityCheck c : checks) {
      if (c.check().equals("quarantine-ratio")) {
        double max = c.max().getAsDouble();
        boolean ok = ratio <= max;
        out.add(
            new CheckOutcome(
                c.describe(),
                c.level(),
                ok,
                ratio,
                ok
                    ? "ok"
                    : String.format(
                        "quarantine-ratio: %d of %d rows quarantined (%.4f), expected <= %s",
                        rejected, read, ratio, max)));
      }
    }
    return out;
  }

  static String input(LakemlConfig config, LocalDate runDate) {
    return config
        .requireIngest()
        .source()
        .path()
        .map(Lake::resolve)
        .orElse(config.lake().partition(Lake.Zone.RAW, config.dataset(), runDate));
  }
}
