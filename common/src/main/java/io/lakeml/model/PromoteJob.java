package io.lakeml.model;

import io.lakeml.config.LakemlConfig;
import io.lakeml.evaluate.Evaluation;
import io.lakeml.evaluate.Metric;
import io.lakeml.job.Job;
import io.lakeml.lake.Lake;
import io.lakeml.run.RunContext;
import io.lakeml.run.StepRecord;
import io.lakeml.train.HashSplit;
import io.lakeml.train.Task;
import io.lakeml.train.TrainedOn;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * {@code promote}: decides whether a model version becomes the {@code champion}. Both models are
 * scored on the candidate's own test rows (recomputed from its metadata), so the comparison is on
 * the same rows whatever data the champion was trained on; each binary model decides at its own
 * threshold. The decision and both scores go into the candidate's metadata and the alias file.
 */
public final class PromoteJob implements Job {
  @Override
  public String name() {
    return "promote";
  }

  @Override
  public List<String> plan(LakemlConfig config, LocalDate runDate) {
    PromoteConfig p = config.promote();
    return List.of(
        String.format(
            Locale.ROOT,
            "promote %s version %s to champion if its %s beats the champion's by >= %s on the same"
                + " test rows -> %s/_aliases/champion.json",
            config.modelName(),
            p.modelVersion(),
            p.metric().map(Metric::configName).orElse("default metric"),
            p.minImprovement(),
            config.lake().table(Lake.Zone.MODELS, config.modelName())));
  }

  @Override
  public void run(RunContext run, LakemlConfig config) {
    run.step(
        "promote",
        step -> promote(run, config, config.modelName(), config.promote().modelVersion(), step));
  }

  /** The decision, as recorded. */
  public record Decision(boolean promoted, int champion, String reason) {}

  public static Decision promote(
      RunContext run, LakemlConfig config, String model, String versionOrAlias, StepRecord step) {
    ModelRegistry registry = new ModelRegistry(run.lake(), run.files());
    ModelRegistry.Version candidate = registry.resolve(model, versionOrAlias);
    TrainedOn on = TrainedOn.fromMetadata(candidate.metadata());
    Metric metric = config.promote().metric().orElse(Metric.defaultFor(on.task()));
    if (!Metric.namesFor(on.task()).contains(metric.configName())) {
      throw new io.lakeml.config.ConfigException(
          String.format(
              "promote.metric: expected one of %s for %s, got: %s",
              Metric.namesFor(on.task()), on.task().displayName(), metric.configName()));
    }
    Optional<Map<String, Object>> current = registry.alias(model, ModelRegistry.CHAMPION);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("metric", metric.configName());
    details.put("min_improvement", config.promote().minImprovement());
    details.put("run_id", run.runId());
    details.put("decided_at", Instant.now().toString());
    Decision decision;
    if (current.isEmpty()) {
      decision = new Decision(true, candidate.version(), "no champion yet");
    } else {
      int championVersion = ((Number) current.get().get("version")).intValue();
      if (championVersion == candidate.version()) {
        decision = new Decision(false, championVersion, "already the champion");
      } else {
        ModelRegistry.Version champion = registry.resolve(model, Integer.toString(championVersion));
        checkComparable(on, TrainedOn.fromMetadata(champion.metadata()), model);
        Dataset<Row> test =
            on.rows(run.spark(), HashSplit.TEST).persist(StorageLevel.MEMORY_AND_DISK());
        double candidateScore;
        double championScore;
        try {
          candidateScore = score(candidate, on, test, metric);
          championScore = score(champion, on, test, metric);
        } finally {
          test.unpersist();
        }
        double improvement = metric.improvement(candidateScore, championScore);
        details.put("candidate_score", candidateScore);
        details.put("champion_score", championScore);
        details.put("previous_champion", championVersion);
        // Beating means strictly better, by at least the margin: a tie keeps the champion.
        boolean wins = improvement > 0 && improvement >= config.promote().minImprovement();
        decision =
            new Decision(
                wins,
                wins ? candidate.version() : championVersion,
                String.format(
                    Locale.ROOT,
                    "%s %.4f vs champion v%d %.4f (improvement %.4f, needed %.4f)",
                    metric.configName(),
                    candidateScore,
                    championVersion,
                    championScore,
                    improvement,
                    config.promote().minImprovement()));
      }
    }
    details.put("reason", decision.reason());
    if (decision.promoted()) {
      registry.setAlias(model, ModelRegistry.CHAMPION, candidate.version(), details);
    }
    Map<String, Object> meta = new LinkedHashMap<>(candidate.metadata());
    Map<String, Object> promotion = new LinkedHashMap<>(details);
    promotion.put("promoted", decision.promoted());
    meta.put("promotion", promotion);
    registry.updateMetadata(candidate, meta);

    step.count("model", model + " v" + candidate.version());
    step.count("promoted", decision.promoted() ? "yes" : "no");
    step.count("champion", "v" + decision.champion());
    run.console()
        .info(
            "%s v%d %s champion: %s",
            model,
            candidate.version(),
            decision.promoted() ? "is now" : "is not",
            decision.reason());
    return decision;
  }

  private static double score(
      ModelRegistry.Version version, TrainedOn on, Dataset<Row> test, Metric metric) {
    PipelineModel fitted = version.load();
    double threshold =
        on.task() == Task.BINARY && version.metadata().get("threshold") instanceof Number n
            ? n.doubleValue()
            : 0.5;
    Dataset<Row> scored = fitted.transform(test).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      return metric.valueIn(Evaluation.metrics(on.task(), scored, fitted, on.classes(), threshold));
    } finally {
      scored.unpersist();
    }
  }

  /** Two versions compare only if they answer the same question with the same classes. */
  private static void checkComparable(TrainedOn candidate, TrainedOn champion, String model) {
    if (candidate.task() != champion.task()
        || !candidate.label().equals(champion.label())
        || !candidate.classes().equals(champion.classes())) {
      throw new IllegalStateException(
          String.format(
              "model '%s': the candidate (%s, label %s, classes %s) and the champion (%s, label %s,"
                  + " classes %s) do not answer the same question; use another model name",
              model,
              candidate.task().displayName(),
              candidate.label().orElse("-"),
              candidate.classes(),
              champion.task().displayName(),
              champion.label().orElse("-"),
              champion.classes()));
    }
  }
}
