package io.lakeml.generate;

import io.lakeml.config.LakemlConfig;
import io.lakeml.io.LakeFiles;
import io.lakeml.job.Job;
import io.lakeml.lake.Lake;
import io.lakeml.run.RunContext;
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
public final class GenerateJob implements Job {
  /** Rows per output file when {@code generate.partitions} is 0. */
  static final long ROWS_PER_FILE = 500_000;

  @Override
  public String name() {
    return "generate";
  }

  @Override
  public List<String> plan(LakemlConfig config, LocalDate runDate) {
    GenerateConfig g = config.generate();
    return List.of(
        String.format(
            "generate %d rows (seed %d, %.1f%% dirty%s%s) as %s -> %s%s",
            g.rows(),
            g.seed(),
            g.dirtyFraction() * 100,
            g.daily() ? ", rows of " + runDate : "",
            g.shiftOn(runDate).equals(Shift.NONE) ? "" : ", shifted: " + g.shiftOn(runDate),
            g.format(),
            output(config, runDate),
            g.singleFile() ? " (one file)" : ""));
  }

  @Override
  public void run(RunContext run, LakemlConfig config) {
    GenerateConfig g = config.generate();
    String output = output(config, run.runDate());
    int partitions =
        g.singleFile()
            ? 1
            : g.partitions() > 0
                ? g.partitions()
                : (int) Math.max(1, (g.rows() + ROWS_PER_FILE - 1) / ROWS_PER_FILE);
    run.step(
        "generate",
        step -> {
          Dataset<Row> rows =
              FraudClaimsGenerator.generate(
                  run.spark(),
                  g.firstRow(run.runDate()),
                  g.rows(),
                  g.seed(),
                  g.dirtyFraction(),
                  partitions,
                  g.shiftOn(run.runDate()));
          // Rows are a pure function of their number: counting and writing are two cheap passes,
          // cheaper than caching tens of millions of rows.
          Map<String, Object> dirt = new TreeMap<>();
          long fraud = 0;
          for (Row r :
              rows.groupBy(FraudClaimsGenerator.DIRT_COLUMN, "fraud_reported")
                  .count()
                  .collectAsList()) {
            dirt.merge("rows_" + r.getString(0), r.getLong(2), (a, b) -> (Long) a + (Long) b);
            fraud += "Y".equals(r.getString(1)) ? r.getLong(2) : 0;
          }
          Dataset<Row> raw = rows.drop(FraudClaimsGenerator.DIRT_COLUMN);
          write(run, raw, g, output);
          step.output(output, g.rows());
          step.count("rows", g.rows());
          dirt.forEach(step::count);
          step.count("fraud_rate", Math.round(fraud * 10000.0 / g.rows()) / 10000.0);
          if (!g.shiftOn(run.runDate()).equals(Shift.NONE)) {
            step.count("shift", g.shiftOn(run.runDate()).toString());
          }
          return null;
        });
  }

  private static void write(RunContext run, Dataset<Row> raw, GenerateConfig g, String output) {
    String target = g.singleFile() ? output + ".parts-" + run.runId() : output;
    switch (g.format()) {
      case "csv" -> raw.write().mode(SaveMode.Overwrite).option("header", "true").csv(target);
      case "json" -> raw.write().mode(SaveMode.Overwrite).json(target);
      default -> raw.write().mode(SaveMode.Overwrite).parquet(target);
    }
    if (g.singleFile()) {
      LakeFiles files = run.files();
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
  }

  static String output(LakemlConfig config, LocalDate runDate) {
    return config
        .generate()
        .output()
        .map(Lake::resolve)
        .orElse(config.lake().partition(Lake.Zone.RAW, config.dataset(), runDate));
  }
}
