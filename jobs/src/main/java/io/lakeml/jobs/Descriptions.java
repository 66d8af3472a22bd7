package io.lakeml.jobs;

import java.util.Map;

/** One line per job for help texts; {@code bin/lakeml}'s header lists the same lines. */
final class Descriptions {
  private static final Map<String, String> LINES =
      Map.ofEntries(
          Map.entry(
              "generate",
              "Write synthetic insurance claims (deterministic by seed) to the raw zone."),
          Map.entry(
              "ingest",
              "Validate raw files into the curated and quarantine tables; publish only when every"
                  + " check holds."),
          Map.entry(
              "train",
              "Fit features + model on the training split and register a new model version."),
          Map.entry("evaluate", "Compute a model version's metrics on its held-out test rows."),
          Map.entry("promote", "Make a model version the champion if it beats the current one."),
          Map.entry("score", "Score a batch with a pinned model version (champion by default)."),
          Map.entry(
              "drift",
              "Compare a batch with the model's training baseline: PSI, KS, new categories."),
          Map.entry(
              "maintain",
              "Expire old table snapshots (keeping models' data), remove orphan files, compact small"
                  + " files."),
          Map.entry("sql", "Query the lake's tables and their history: lakeml sql \"SELECT ...\"."),
          Map.entry(
              "init",
              "Draft a commented pipeline configuration from a sample: --from FILE --label COLUMN."),
          Map.entry(
              "pipeline",
              "Run pipeline.steps in order in one Spark application (--resume, --force)."));

  private Descriptions() {}

  static String of(String job) {
    return LINES.getOrDefault(job, "");
  }
}
