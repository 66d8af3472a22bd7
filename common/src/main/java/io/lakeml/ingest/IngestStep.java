package io.lakeml.ingest;

import io.lakeml.io.Json;
import io.lakeml.lake.Lake;
import io.lakeml.lake.LakeTables;
import io.lakeml.lake.StagedDay;
import io.lakeml.lake.TableId;
import io.lakeml.ml.DataQualityException;
import io.lakeml.quality.CheckOutcome;
import io.lakeml.quality.DayMeasures;
import io.lakeml.quality.DayProfile;
import io.lakeml.quality.DeequVerifier;
import io.lakeml.quality.ProfileConfig;
import io.lakeml.quality.QualityConfig;
import io.lakeml.quality.QualityGate;
import io.lakeml.quality.QualityHistory;
import io.lakeml.quality.QualityReport;
import io.lakeml.report.ProfilePage;
import io.lakeml.run.PhaseTimer;
import io.lakeml.run.RunContext;
import io.lakeml.run.Step;
import io.lakeml.run.StepAction;
import io.lakeml.run.StepRecord;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * {@code ingest}: a day of raw files to the curated and quarantine tables, published only when
 * everything holds. Every row read ends up in exactly one place: the curated table, the quarantine
 * table (with its reasons) or counted as a dropped duplicate.
 *
 * <p>The raw input is read once into Spark's shuffle ({@link ShuffledDay}), placed so that
 * duplicates meet and rejected rows sit together. The curated and quarantine rows are then written
 * from the shuffle as unpublished Iceberg snapshots, counted and measured by Spark's observation of
 * those writes and by the statistics Iceberg keeps per data file. The checks run on those numbers
 * (Deequ on the staged rows for uniqueness); only when every error-level check passes and rows read
 * = curated + quarantined + duplicates are both snapshots published, each replacing the run date in
 * one commit. Otherwise they are discarded and both tables stay exactly as they were.
 */
public final class IngestStep implements StepAction<IngestStep.Published> {
  private final IngestConfig ingest;
  private final QualityConfig quality;
  private final Lake lake;
  private final String dataset;
  private final QualityGate gate;
  // Rules that clip or quarantine act before duplicates are found, as they change rows; flags
  // only add a column, so their statistics come from the accepted rows of the shuffled day.
  private final List<OutlierRule> early;
  private final List<OutlierRule> late;
  // Identity in production: lets a test lose a row on the way to the table, so the conservation
  // check is seen to stop such a day from being published.
  private final UnaryOperator<Dataset<Row>> beforeCuratedWrite;
  // The label the profile page relates every column to, when the pipeline trains on one.
  private final Optional<DayProfile.LabelSpec> label;

  /** The snapshots a successful ingest published, and their rows. */
  public record Published(
      long curatedSnapshot, long curatedRows, long quarantineSnapshot, long quarantineRows) {}

  public IngestStep(IngestConfig ingest, QualityConfig quality, Lake lake, String dataset) {
    this(ingest, quality, lake, dataset, Optional.empty());
  }

  /**
   * @param label the label the day's profile page relates each column to (the pipeline's {@code
   *     train.label}), if any
   */
  public IngestStep(
      IngestConfig ingest,
      QualityConfig quality,
      Lake lake,
      String dataset,
      Optional<DayProfile.LabelSpec> label) {
    this(ingest, quality, lake, dataset, label, UnaryOperator.identity());
  }

  IngestStep(
      IngestConfig ingest,
      QualityConfig quality,
      Lake lake,
      String dataset,
      Optional<DayProfile.LabelSpec> label,
      UnaryOperator<Dataset<Row>> beforeCuratedWrite) {
    this.beforeCuratedWrite = beforeCuratedWrite;
    this.label = label;
    this.ingest = ingest;
    this.quality = quality;
    this.lake = lake;
    this.dataset = dataset;
    this.gate = new QualityGate(quality.checks());
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
            "ingest %s (%s, %d declared columns, %d rules, %d outlier rules, %d quality checks)"
                + " -> %s and rejects -> %s for run_date %s, published only when every check"
                + " holds",
            input(runDate),
            ingest.source().format(),
            ingest.schema().size(),
            ingest.rules().size(),
            ingest.outliers().size(),
            quality.checks().size(),
            curated().shortName(),
            quarantine().shortName(),
            runDate));
  }

  /** Ingests the run date's input; returns what it published. */
  @Override
  public Published run(RunContext run, StepRecord step) {
    try {
      return ingest(run, step);
    } catch (Exception e) { // SparkException is checked, though Spark throws it freely
      throw RawReader.explain(e);
    }
  }

  private Published ingest(RunContext run, StepRecord step) {
    String input = input(run.runDate());
    PhaseTimer timer = new PhaseTimer(step);
    LakeTables tables = run.tables();
    Read read = readOnce(run, input);
    timer.lap("ms_read_validate_shuffle");
    DayRows rows = DayRows.of(read.day(), ingest, early, read.earlyBounds(), late, gate);
    timer.lap("ms_outlier_stats");
    Staged staged = stage(run, tables, rows);
    timer.lap("ms_write_staged");
    try {
      DayMeasures m =
          rows.measures(tables.addedFileStats(curated(), staged.curated().snapshotId()));
      step.input(input, m.read());
      List<CheckOutcome> outcomes = check(run, tables, staged, m);
      timer.lap("ms_quality");
      return publishOrDiscard(run, tables, staged, m, outcomes, rows, step);
    } catch (Exception | Error e) { // Spark's job failures are checked exceptions thrown unchecked
      // Whatever failed, what was staged and not published goes: the tables stay as they were.
      discardUnpublished(tables, staged.curated(), staged.quarantine());
      throw e;
    }
  }

  private static void discardUnpublished(LakeTables tables, StagedDay... days) {
    for (StagedDay d : days) {
      try {
        tables.discard(d);
      } catch (RuntimeException e) {
        // Left staged, it is invisible to readers; lakeml maintain expires it.
      }
    }
  }

  /** The shuffled day, and the bounds of the outlier rules applied before it was shuffled. */
  private record Read(ShuffledDay day, List<Outliers.Bounds> earlyBounds) {}

  /**
   * The one pass over the raw input, into the shuffle. Outlier rules that clip or quarantine by
   * statistics of the data need those statistics first: the only case that reads the input twice.
   */
  private Read readOnce(RunContext run, String input) {
    Dataset<Row> validated =
        RowValidator.validate(RawReader.read(run.spark(), ingest, input), ingest);
    List<Outliers.Bounds> earlyBounds = List.of();
    if (!early.isEmpty()) {
      earlyBounds = Outliers.bounds(validated.filter(RowValidator.isAccepted()), early);
      validated = Outliers.apply(validated, early, earlyBounds);
    }
    boolean sourceOrdersDuplicates = ingest.deduplicate().keepLatestBy().isPresent();
    Dataset<Row> narrow = RowValidator.packRejects(validated, ingest, sourceOrdersDuplicates);
    List<Column> every =
        ingest.columnNames().stream()
            .map(c -> functions.col(io.lakeml.sql.Identifiers.quote(c)))
            .toList();
    int partitions = Integer.parseInt(run.spark().conf().get("spark.sql.shuffle.partitions"));
    return new Read(
        ShuffledDay.of(run.spark(), narrow, RowStatus.key(ingest), every, partitions), earlyBounds);
  }

  /** The two staged snapshots of the day. */
  private record Staged(StagedDay curated, StagedDay quarantine) {}

  /** Creates or evolves both tables, then stages the rejects and the curated rows. */
  private Staged stage(RunContext run, LakeTables tables, DayRows rows) {
    tables.ensure(curated(), rows.curated().schema(), ingest.partitionBy());
    tables.ensure(quarantine(), rows.rejects().schema(), List.of());
    String wap = "ingest-" + run.runId();
    StagedDay rejects =
        tables.stage(quarantine(), rows.rejects(), run.runDate(), wap + "-quarantine");
    try {
      return new Staged(
          tables.stage(
              curated(), beforeCuratedWrite.apply(rows.curated()), run.runDate(), wap + "-curated"),
          rejects);
    } catch (Exception | Error e) { // Spark's job failures are checked exceptions thrown unchecked
      discardUnpublished(tables, rejects);
      throw e;
    }
  }

  /** Every check's outcome: the measures, the published history, Deequ on the staged rows. */
  private List<CheckOutcome> check(
      RunContext run, LakeTables tables, Staged staged, DayMeasures m) {
    Dataset<Row> stagedRows =
        tables.readDays(
            curated(), OptionalLong.of(staged.curated().snapshotId()), List.of(run.runDate()));
    List<CheckOutcome> unique = DeequVerifier.unique(stagedRows, gate.uniqueChecks());
    QualityHistory history = new QualityHistory(run.files(), lake, dataset);
    return gate.evaluate(m, history.before(run.runDate()), unique);
  }

  /**
   * Publishes both staged snapshots when every error-level check passed and the rows add up, else
   * discards them; writes the report either way.
   */
  private Published publishOrDiscard(
      RunContext run,
      LakeTables tables,
      Staged staged,
      DayMeasures m,
      List<CheckOutcome> outcomes,
      DayRows rows,
      StepRecord step) {
    QualityReport report = report(run, m, outcomes, rows);
    List<String> problems = problems(report, m, staged);
    if (!problems.isEmpty()) {
      discardUnpublished(tables, staged.curated(), staged.quarantine());
      writeReport(run, report.put("published", false), step);
      throw failure(problems, m, staged, report);
    }
    Map<String, String> summary =
        Map.of(
            "lakeml.run-id", run.runId(),
            "lakeml.run-date", run.runDate().toString(),
            "lakeml.rows-read", Long.toString(m.read()));
    // Quarantine first: once the curated day is current, its rejects are too.
    long q = tables.publish(staged.quarantine(), summary);
    long c = tables.publish(staged.curated(), summary);
    Published published = new Published(c, staged.curated().rows(), q, staged.quarantine().rows());
    new QualityHistory(run.files(), lake, dataset)
        .record(QualityGate.published(run.runDate(), run.runId(), m, List.of(LakeTables.RUN_DATE)));
    report.put("published", true).put("curated_snapshot_id", c).put("quarantine_snapshot_id", q);
    writeReport(run, report, step);
    drawProfile(run, tables, c, m, step);
    record(step, m, published);
    return published;
  }

  private QualityReport report(
      RunContext run, DayMeasures m, List<CheckOutcome> outcomes, DayRows rows) {
    return new QualityReport(dataset, run.runDate().toString(), run.runId(), input(run.runDate()))
        .put("outliers", rows.boundsInRuleOrder(ingest.outliers()))
        .put("rows_read", m.read())
        .put("rows_accepted", m.accepted())
        .put("rows_quarantined", m.quarantined())
        .put("duplicates_dropped", m.duplicates())
        .put("rejections_per_rule", m.rejectionsPerRule())
        .add(outcomes, QualityGate.profile(m.columns(), List.of(LakeTables.RUN_DATE)));
  }

  /** What keeps the day from being published: failed error checks, rows that do not add up. */
  private List<String> problems(QualityReport report, DayMeasures m, Staged staged) {
    List<String> problems = new ArrayList<>();
    if (m.read() == 0 && !ingest.allowEmpty()) {
      problems.add("the input has no rows (set ingest.allow-empty = true to publish empty days)");
    } else if (m.read() > 0 && m.accepted() == 0 && !ingest.allowEmpty()) {
      problems.add(
          String.format(
              "every one of the %d rows read was quarantined, and a day without rows would replace"
                  + " the date (set ingest.allow-empty = true to publish such a day)",
              m.read()));
    }
    report.failedErrors().forEach(o -> problems.add(o.message()));
    long curatedRows = staged.curated().rows();
    long quarantinedRows = staged.quarantine().rows();
    if (m.read() != curatedRows + quarantinedRows + m.duplicates()) {
      problems.add(
          String.format(
              "rows do not add up: read %d != curated %d + quarantined %d + duplicates %d",
              m.read(), curatedRows, quarantinedRows, m.duplicates()));
    }
    return problems;
  }

  private RuntimeException failure(
      List<String> problems, DayMeasures m, Staged staged, QualityReport report) {
    String message =
        "ingest: nothing was published, both tables are as they were: "
            + String.join("; ", problems)
            + " (report: "
            + lake.qualityReport(dataset, staged.curated().runDate())
            + ")";
    boolean addsUp =
        m.read() == staged.curated().rows() + staged.quarantine().rows() + m.duplicates();
    // Rows that do not add up are lakeml's own failure; the rest is about the data.
    return addsUp ? new DataQualityException(message) : new IllegalStateException(message);
  }

  private void writeReport(RunContext run, QualityReport report, StepRecord step) {
    String path = lake.qualityReport(dataset, run.runDate());
    run.files().writeString(path, Json.write(report.toMap()));
    report.print(run.console());
    step.output(path, null);
    step.count("quality_warnings", report.failedWarnings().size());
  }

  /**
   * The published day's data profile page beside its quality report: missing values from the
   * write's statistics, histograms from a sample of the published rows (one small job).
   */
  private void drawProfile(
      RunContext run, LakeTables tables, long snapshot, DayMeasures m, StepRecord step) {
    ProfileConfig config = quality.profile();
    if (!config.enabled()) {
      return;
    }
    Dataset<Row> day =
        tables.readDays(curated(), OptionalLong.of(snapshot), List.of(run.runDate()));
    List<String> columns = List.of(day.columns());
    DayProfile profile =
        DayProfile.of(
            dataset,
            run.runDate(),
            day,
            List.of(LakeTables.RUN_DATE),
            m,
            label.filter(l -> columns.contains(l.column())),
            config);
    String page =
        ProfilePage.page(profile)
            .write(
                run.files(),
                lake.qualityDay(dataset, run.runDate()),
                "lakeml · ingest run " + run.runId());
    step.output(page, null);
  }

  private void record(StepRecord step, DayMeasures m, Published p) {
    step.output(curated().toString(), p.curatedRows(), p.curatedSnapshot())
        .output(quarantine().toString(), p.quarantineRows(), p.quarantineSnapshot());
    step.count("rows_read", m.read())
        .count("rows_accepted", p.curatedRows())
        .count("rows_quarantined", p.quarantineRows())
        .count("duplicates_dropped", m.duplicates())
        .count("curated_snapshot_id", Long.toString(p.curatedSnapshot()))
        .count("quarantine_snapshot_id", Long.toString(p.quarantineSnapshot()));
    m.rejectionsPerRule().forEach((rule, n) -> step.count("rejected." + rule, n));
  }

  private TableId curated() {
    return lake.tableId(Lake.Zone.CURATED, dataset);
  }

  private TableId quarantine() {
    return lake.tableId(Lake.Zone.QUARANTINE, dataset);
  }

  /** {@code ingest.source.path}, else the raw zone's partition of the date. */
  public String input(LocalDate runDate) {
    return lake.pathOr(ingest.source().path(), Lake.Zone.RAW, dataset, runDate);
  }
}
