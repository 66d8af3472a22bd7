package io.lakeml.ingest;

import io.lakeml.io.Json;
import io.lakeml.lake.Lake;
import io.lakeml.ml.DataQualityException;
import io.lakeml.quality.CheckOutcome;
import io.lakeml.quality.DeequVerifier;
import io.lakeml.quality.QualityCheck;
import io.lakeml.quality.QualityConfig;
import io.lakeml.quality.QualityReport;
import io.lakeml.run.PhaseTimer;
import io.lakeml.run.RunContext;
import io.lakeml.run.Step;
import io.lakeml.run.StepAction;
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
 * anything is written; after writing, the step counts the outputs back and fails unless they add up
 * to the rows read.
 */
public final class IngestStep implements StepAction<String> {
  private final IngestConfig ingest;
  private final QualityConfig quality;
  private final Lake lake;
  private final String dataset;
  // Rules that clip or quarantine act before duplicates are found, as they change rows; flags
  // only add a column, so their statistics can come from the one cache of marked rows.
  private final List<OutlierRule> early;
  private final List<OutlierRule> late;

  public IngestStep(IngestConfig ingest, QualityConfig quality, Lake lake, String dataset) {
    this.ingest = ingest;
    this.quality = quality;
    this.lake = lake;
    this.dataset = dataset;
    this.early = ingest.outliers().stream().filter(OutlierRule::changesRows).toList();
    this.late = ingest.outliers().stream().filter(r -> !r.changesRows()).toList();
  }

  @Override
  public Step step() {
    return Step.INGEST;
  }

  @Override
  public List<String> plan(LocalDate runDate) {
    return List.of(
        String.format(
            "ingest %s (%s, %d declared columns, %d rules, %d outlier rules, %d quality checks) -> %s, rejects -> %s",
            input(runDate),
            ingest.source().format(),
            ingest.schema().size(),
            ingest.rules().size(),
            ingest.outliers().size(),
            quality.checks().size(),
            lake.partition(Lake.Zone.CURATED, dataset, runDate),
            lake.partition(Lake.Zone.QUARANTINE, dataset, runDate)));
  }

  /** Ingests the run date's input; returns the curated partition's path. */
  @Override
  public String run(RunContext run, StepRecord step) {
    try {
      return ingest(run, step);
    } catch (Exception e) { // SparkException is checked, though Spark throws it freely
      throw RawReader.explain(e);
    }
  }

  /** The rows of a day once each is marked accepted, quarantined or duplicate, and counted. */
  private record Marked(
      Dataset<Row> rows, RowStatus.Tally tally, List<Outliers.Bounds> earlyBounds) {}

  /** What is about to be published, and the report that goes with it. */
  private record Outputs(Dataset<Row> curated, Dataset<Row> rejects, QualityReport report) {}

  private String ingest(RunContext run, StepRecord step) {
    String input = input(run.runDate());
    PhaseTimer timer = new PhaseTimer(step);
    List<Dataset<Row>> cached = new ArrayList<>();
    try {
      Marked marked = readAndMark(run, input, step, cached);
      timer.lap("ms_read_validate");
      step.input(input, marked.tally().total());
      checkNotEmpty(marked.tally(), input);
      Outputs outputs = outputs(run, input, marked);
      timer.lap("ms_outlier_stats");
      checkQuality(run, outputs, marked.tally(), step);
      timer.lap("ms_quality");
      return publish(run, outputs, marked.tally(), step, timer);
    } finally {
      cached.forEach(Dataset::unpersist);
    }
  }

  /**
   * Reads and validates the input, applies the outlier rules that change rows, and marks each row's
   * status (accepted, quarantined, duplicate).
   */
  private Marked readAndMark(
      RunContext run, String input, StepRecord step, List<Dataset<Row>> cached) {
    Dataset<Row> validated =
        RowValidator.validate(RawReader.read(run.spark(), ingest, input), ingest);
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
    return new Marked(marked, RowStatus.tally(marked), earlyBounds);
  }

  private void checkNotEmpty(RowStatus.Tally tally, String input) {
    if (tally.total() == 0 && !ingest.allowEmpty()) {
      throw new DataQualityException(
          "ingest: "
              + input
              + " has no rows; the curated partition was left as it was"
              + " (set ingest.allow-empty = true to publish empty days)");
    }
  }

  /** The accepted rows with the flagging outlier rules applied, the rejects, and the report. */
  private Outputs outputs(RunContext run, String input, Marked marked) {
    Dataset<Row> acceptedRows = withStatus(marked.rows(), RowStatus.ACCEPTED);
    List<Outliers.Bounds> lateBounds = Outliers.bounds(acceptedRows, late);
    acceptedRows = Outliers.apply(acceptedRows, late, lateBounds);
    QualityReport report = new QualityReport(dataset, run.runDate().toString(), run.runId(), input);
    report.put("outliers", inRuleOrder(marked.earlyBounds(), lateBounds));
    Dataset<Row> curated =
        RowValidator.accepted(acceptedRows, ingest, Outliers.flagColumns(ingest.outliers()));
    Dataset<Row> rejects =
        RowValidator.quarantined(withStatus(marked.rows(), RowStatus.QUARANTINED), ingest);
    return new Outputs(curated, rejects, report);
  }

  /**
   * The dataset-level checks on exactly the rows about to be published; writes the report, and
   * fails before anything is published when an error-level check fails.
   */
  private void checkQuality(
      RunContext run, Outputs outputs, RowStatus.Tally tally, StepRecord step) {
    long read = tally.total();
    long rejected = tally.rows(RowStatus.QUARANTINED);
    DeequVerifier.Result verified =
        DeequVerifier.verify(
            run.spark(),
            outputs.curated(),
            quality.checks(),
            lake.qualityMetrics(dataset),
            run.runDate().atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli(),
            Map.of("dataset", dataset));
    List<CheckOutcome> outcomes = new ArrayList<>(verified.outcomes());
    outcomes.addAll(quarantineRatio(read, rejected));
    QualityReport report =
        outputs
            .report()
            .put("rows_read", read)
            .put("rows_accepted", tally.rows(RowStatus.ACCEPTED))
            .put("rows_quarantined", rejected)
            .put("duplicates_dropped", tally.rows(RowStatus.DUPLICATE))
            .put("rejections_per_rule", tally.reasonsPerRule())
            .add(outcomes, verified.profile());
    String reportPath = lake.qualityReport(dataset, run.runDate());
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
  }

  /**
   * Writes curated and quarantine rows, then counts what was written, independently of the counts
   * before: the conservation check.
   */
  private String publish(
      RunContext run, Outputs outputs, RowStatus.Tally tally, StepRecord step, PhaseTimer timer) {
    String curated = lake.partition(Lake.Zone.CURATED, dataset, run.runDate());
    String quarantine = lake.partition(Lake.Zone.QUARANTINE, dataset, run.runDate());
    write(outputs.curated(), ingest.partitionBy(), curated);
    timer.lap("ms_write_curated");
    write(outputs.rejects(), List.of(), quarantine);
    timer.lap("ms_write_quarantine");
    long written = run.spark().read().parquet(curated).count();
    long quarantined = run.spark().read().parquet(quarantine).count();
    timer.lap("ms_count_back");
    long read = tally.total();
    long duplicates = tally.rows(RowStatus.DUPLICATE);
    step.output(curated, written).output(quarantine, quarantined);
    step.count("rows_read", read)
        .count("rows_accepted", written)
        .count("rows_quarantined", quarantined)
        .count("duplicates_dropped", duplicates);
    tally.reasonsPerRule().forEach((rule, n) -> step.count("rejected." + rule, n));
    if (read != written + quarantined + duplicates) {
      throw new IllegalStateException(
          String.format(
              "ingest lost rows: read %d != accepted %d + quarantined %d + duplicates %d",
              read, written, quarantined, duplicates));
    }
    return curated;
  }

  private static Dataset<Row> withStatus(Dataset<Row> marked, String status) {
    return marked.filter(functions.col(RowStatus.COLUMN).equalTo(status));
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
  private List<Map<String, Object>> inRuleOrder(
      List<Outliers.Bounds> earlyBounds, List<Outliers.Bounds> lateBounds) {
    List<Map<String, Object>> out = new ArrayList<>();
    int e = 0;
    int l = 0;
    for (OutlierRule r : ingest.outliers()) {
      out.add((early.contains(r) ? earlyBounds.get(e++) : lateBounds.get(l++)).toMap());
    }
    return out;
  }

  private List<CheckOutcome> quarantineRatio(long read, long rejected) {
    List<CheckOutcome> out = new ArrayList<>();
    double ratio = read == 0 ? 0.0 : (double) rejected / read;
    for (QualityCheck c : quality.checks()) {
      if (c.kind() == QualityCheck.Kind.QUARANTINE_RATIO) {
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

  /** {@code ingest.source.path}, else the raw zone's partition of the date. */
  public String input(LocalDate runDate) {
    return lake.pathOr(ingest.source().path(), Lake.Zone.RAW, dataset, runDate);
  }
}
