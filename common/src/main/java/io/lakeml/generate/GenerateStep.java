package io.lakeml.generate;

import io.lakeml.io.LakeFiles;
import io.lakeml.lake.Lake;
import io.lakeml.run.RunContext;
import io.lakeml.run.Step;
import io.lakeml.run.StepAction;
import io.lakeml.run.StepRecord;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/**
 * {@code generate}: writes synthetic insurance claims to the raw zone (or {@code generate.output}),
 * counting each kind of planted dirt into the run manifest.
 */
public final class GenerateStep implements StepAction<String> {
  /** Rows per output file when {@code generate.partitions} is 0. */
  static final long ROWS_PER_FILE = 500_000;

  private final GenerateConfig g;
  private final Lake lake;
  private final String dataset;

  public GenerateStep(GenerateConfig g, Lake lake, String dataset) {
    this.g = g;
    this.lake = lake;
    this.dataset = dataset;
  }

  @Override
  public Step step() {
    return Step.GENERATE;
  }

  @Override
  public List<String> plan(LocalDate runDate) {
    return List.of(
        String.format(
            "generate %d rows (seed %d, %.1f%% dirty%s%s) as %s -> %s%s",
            g.rows(),
            g.seed(),
            g.dirtyFraction() * 100,
            g.daily() ? ", rows of " + runDate : "",
            g.shiftOn(runDate).equals(Shift.NONE) ? "" : ", shifted: " + g.shiftOn(runDate),
            g.format(),
            output(runDate),
            g.singleFile() ? " (one file)" : ""));
  }

  /** Writes the run date's claims; returns where. */
  @Override
  public String run(RunContext run, StepRecord step) {
    String output = output(run.runDate());
    Dataset<Row> rows =
        FraudClaimsGenerator.generate(
            run.spark(),
            g.firstRow(run.runDate()),
            g.rows(),
            g.seed(),
            g.dirtyFraction(),
            partitions(),
            g.shiftOn(run.runDate()));
    countDirt(rows, step);
    write(run, rows.drop(FraudClaimsGenerator.DIRT_COLUMN), output);
    step.output(output, g.rows());
    if (!g.shiftOn(run.runDate()).equals(Shift.NONE)) {
      step.count("shift", g.shiftOn(run.runDate()).toString());
    }
    return output;
  }

  private int partitions() {
    return g.singleFile()
        ? 1
        : g.partitions() > 0
            ? g.partitions()
            : (int) Math.max(1, (g.rows() + ROWS_PER_FILE - 1) / ROWS_PER_FILE);
  }

  /**
   * Counts each kind of planted dirt and the fraud rate. Rows are a pure function of their number:
   * counting and writing are two cheap passes, cheaper than caching tens of millions of rows.
   */
  private void countDirt(Dataset<Row> rows, StepRecord step) {
    Map<String, Object> dirt = new TreeMap<>();
    long fraud = 0;
    for (Row r :
        rows.groupBy(FraudClaimsGenerator.DIRT_COLUMN, "fraud_reported").count().collectAsList()) {
      dirt.merge("rows_" + r.getString(0), r.getLong(2), (a, b) -> (Long) a + (Long) b);
      fraud += "Y".equals(r.getString(1)) ? r.getLong(2) : 0;
    }
    step.count("rows", g.rows());
    dirt.forEach(step::count);
    step.count("fraud_rate", Math.round(fraud * 10000.0 / g.rows()) / 10000.0);
  }

  private void write(RunContext run, Dataset<Row> raw, String output) {
    String target = g.singleFile() ? output + ".parts-" + run.runId() : output;
    switch (g.format()) {
      case "csv" -> raw.write().mode(SaveMode.Overwrite).option("header", "true").csv(target);
      case "json" -> raw.write().mode(SaveMode.Overwrite).json(target);
      default -> raw.write().mode(SaveMode.Overwrite).parquet(target);
    }
    if (g.singleFile()) {
      moveSinglePart(run.files(), target, output);
    }
  }

  private void moveSinglePart(LakeFiles files, String target, String output) {
    String extension = "." + g.format();
    List<String> parts = files.files(target, extension);
    if (parts.isEmpty()) {
      // Spark names CSV parts *.csv, JSON parts *.json and Parquet parts *.snappy.parquet.
      parts = files.files(target, "parquet");
    }
    if (parts.size() != 1) {
      throw new IllegalStateException("expected one part file in " + target + ", found " + parts);
    }
    if (files.exists(output)) {
      files.delete(output);
    }
    files.rename(parts.get(0), output);
    files.delete(target);
  }

  /** {@code generate.output}, else the raw zone's partition of the date. */
  public String output(LocalDate runDate) {
    return lake.pathOr(g.output(), Lake.Zone.RAW, dataset, runDate);
  }
}
