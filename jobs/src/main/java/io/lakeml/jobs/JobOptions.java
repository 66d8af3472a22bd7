package io.lakeml.jobs;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options every job takes. */
public final class JobOptions {
  @Mixin ConfigLayers layers = new ConfigLayers();

  @Option(
      names = "--run-date",
      paramLabel = "YYYY-MM-DD",
      description =
          "The date this run is for: selects and writes run_date partitions (default: today, UTC).")
  LocalDate runDate;

  @Option(
      names = "--scheduled-time",
      paramLabel = "INSTANT",
      description =
          "The time a scheduler fired this run (ISO-8601, such as 2026-11-02T02:00:00Z; EventBridge's"
              + " $.time): the run date is its UTC day minus pipeline.run-date-lag (1d by default)."
              + " A retry or a late start of the same scheduled run processes the same day.")
  String scheduledTime;

  @Option(
      names = "--from",
      paramLabel = "YYYY-MM-DD",
      description =
          "Backfill: run every date from this one through --to, in order, in one Spark application."
              + " A drift alert does not stop the backfill; any failure does.")
  LocalDate from;

  @Option(
      names = "--to",
      paramLabel = "YYYY-MM-DD",
      description = "The last date of a backfill (inclusive).")
  LocalDate to;

  @Option(
      names = "--resume",
      description =
          "pipeline: skip the leading steps that an earlier run of the same configuration completed"
              + " for the date (recorded as succeeded in its manifest, outputs complete).")
  boolean resume;

  @Option(
      names = "--force",
      split = ",",
      paramLabel = "STEP",
      description =
          "pipeline: run these steps even when complete (implies --resume for the steps before;"
              + " every step after a re-run one runs too). Repeatable or comma-separated.")
  List<String> force = new ArrayList<>();

  @Option(
      names = {"--validate", "--dry-run"},
      description =
          "Load and check the whole configuration, print the resolved plan and exit; starts no Spark.")
  boolean validate;

  /** bin/lakeml's check before spark-submit: like --validate, but silent when all is well. */
  @Option(names = "--preflight", hidden = true)
  boolean preflight;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  boolean help;
}
