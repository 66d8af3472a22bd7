package io.lakeml.ingest;

import io.lakeml.config.LakemlConfig;
import io.lakeml.job.DataQualityException;
import io.lakeml.job.Job;
import io.lakeml.lake.Lake;
import io.lakeml.run.RunContext;
import io.lakeml.run.StepRecord;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;

/**
 * {@code ingest}: raw files to the curated zone. Every row read ends up in exactly one place:
 * curated, quarantine (with its reasons) or counted as a dropped duplicate, and the job checks that
 * the written outputs add up to the rows read.
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
            "ingest %s (%s, %d declared columns) -> %s, rejects -> %s",
            input(config, runDate),
            ingest.source().format(),
            ingest.schema().size(),
            config.lake().partition(Lake.Zone.CURATED, config.dataset(), runDate),
            config.lake().partition(Lake.Zone.QUARANTINE, config.dataset(), runDate)));
  }

  @Override
  public void run(RunContext run, LakemlConfig config) {
    run.step("ingest", step -> ingest(run, config, step));
  }

  /** Ingests the run date's input; returns the curated partition's path. */
  public static String ingest(RunContext run, LakemlConfig config, StepRecord step) {
    IngestConfig ingest = config.requireIngest();
    String input = input(config, run.runDate());
    String curated = config.lake().partition(Lake.Zone.CURATED, config.dataset(), run.runDate());
    String quarantine =
        config.lake().partition(Lake.Zone.QUARANTINE, config.dataset(), run.runDate());

    Dataset<Row> raw = RawReader.read(run.spark(), ingest.source(), ingest.columnNames(), input);
    Dataset<Row> marked =
        RowStatus.mark(RowValidator.validate(raw, ingest), ingest)
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Map<String, Long> counts = new HashMap<>();
      for (Row r : marked.groupBy(RowStatus.COLUMN).count().collectAsList()) {
        counts.put(r.getString(0), r.getLong(1));
      }
      long read = counts.values().stream().mapToLong(Long::longValue).sum();
      long duplicates = counts.getOrDefault(RowStatus.DUPLICATE, 0L);
      step.input(input, read);
      if (read == 0 && !ingest.allowEmpty()) {
        throw new DataQualityException(
            "ingest: "
                + input
                + " has no rows; set ingest.allow-empty = true to accept empty days");
      }

      RowValidator.accepted(
              marked.filter(functions.col(RowStatus.COLUMN).equalTo(RowStatus.ACCEPTED)), ingest)
          .write()
          .mode(SaveMode.Overwrite)
          .parquet(curated);
      RowValidator.quarantined(
              marked.filter(functions.col(RowStatus.COLUMN).equalTo(RowStatus.QUARANTINED)), ingest)
          .write()
          .mode(SaveMode.Overwrite)
          .parquet(quarantine);

      // Count what was written, independently of the counts above: the conservation check.
      long written = run.spark().read().parquet(curated).count();
      Dataset<Row> rejected = run.spark().read().parquet(quarantine);
      Map<String, Long> perRule = rejectionsPerRule(rejected);
      long quarantined = rejected.count();
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
      marked.unpersist();
    }
  }

  /** {@code rule:column} to the number of quarantined rows that broke it. */
  static Map<String, Long> rejectionsPerRule(Dataset<Row> quarantined) {
    Map<String, Long> out = new TreeMap<>();
    Dataset<Row> rules =
        quarantined
            .select(functions.explode(functions.col(RowValidator.REASONS)).as("reason"))
            .select(functions.substring_index(functions.col("reason"), ":", 2).as("rule"))
            .groupBy("rule")
            .count();
    for (Row r : rules.collectAsList()) {
      out.put(r.getString(0), r.getLong(1));
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
