package io.lakeml.jobs;

import java.util.Map;

/** One line per job for help texts. */
final class Descriptions {
  private static final Map<String, String> LINES =
      Map.of(
          "generate", "Write synthetic insurance claims (deterministic by seed) to the raw zone.",
          "ingest",
              "Validate raw files into curated Parquet; quarantine rejected rows with reasons.",
          "train", "Fit features + model on the training split and register a new model version.",
          "evaluate", "Compute a model version's metrics on its held-out test rows.",
          "promote", "Make a model version the champion if it beats the current one.",
          "score", "Score a batch with a pinned model version (champion by default).",
          "drift", "Compare a batch with the model's training baseline: PSI, KS, new categories.",
          "pipeline", "Run pipeline.steps in order in one Spark application (--resume, --force).");

  private Descriptions() {}

  static String of(String job) {
    return LINES.getOrDefault(job, "");
  }
}
