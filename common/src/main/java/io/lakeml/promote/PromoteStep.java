package io.lakeml.promote;

import io.lakeml.config.ConfigException;
import io.lakeml.evaluation.ScoredRows;
import io.lakeml.lake.Lake;
import io.lakeml.ml.Metric;
import io.lakeml.ml.Split;
import io.lakeml.model.Alias;
import io.lakeml.model.Comparability;
import io.lakeml.model.ModelMetadata;
import io.lakeml.model.ModelRegistry;
import io.lakeml.model.Promotion;
import io.lakeml.run.RunContext;
import io.lakeml.run.Step;
import io.lakeml.run.StepAction;
import io.lakeml.run.StepRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * {@code promote}: decides whether a model version becomes the {@code champion}. Both models are
 * scored on the candidate's own test rows (recomputed from its metadata), so the comparison is on
 * the same rows whatever data the champion was trained on; each binary model decides at its own
 * threshold. The decision and both scores go into the candidate's metadata and the alias file.
 */
public final class PromoteStep implements StepAction<PromoteStep.Decision> {
  private final PromoteConfig p;
  private final String model;
  private final String versionOrAlias;
  private final Lake lake;

  /**
   * @param versionOrAlias the candidate: a version number, {@code latest} or {@code champion}
   */
  public PromoteStep(PromoteConfig p, String model, String versionOrAlias, Lake lake) {
    this.p = p;
    this.model = model;
    this.versionOrAlias = versionOrAlias;
    this.lake = lake;
  }

  /** The decision, as recorded. */
  public record Decision(boolean promoted, int champion, String reason) {}

  /** Both scores of a contest with a sitting champion, and whether the candidate won it. */
  private record Contest(int champion, double candidateScore, double championScore, boolean wins) {}

  @Override
  public Step step() {
    return Step.PROMOTE;
  }

  @Override
  public List<String> plan(LocalDate runDate) {
    return List.of(
        String.format(
            Locale.ROOT,
            "promote %s version %s to champion if its %s beats the champion's by >= %s on the same"
                + " test rows -> %s/_aliases/champion.json",
            model,
            versionOrAlias,
            p.metric().map(Metric::configName).orElse("default metric"),
            p.minImprovement(),
            lake.table(Lake.Zone.MODELS, model)));
  }

  @Override
  public Decision run(RunContext run, StepRecord step) {
    ModelRegistry registry = new ModelRegistry(run.lake(), run.files());
    ModelRegistry.Version candidate = registry.resolve(model, versionOrAlias);
    Metric metric = metric(candidate.metadata());
    Optional<Alias> current = registry.alias(model, ModelRegistry.CHAMPION);
    Optional<Contest> contest = Optional.empty();
    String reason = "no champion yet";
    if (current.isPresent() && current.get().version() == candidate.version()) {
      reason = "already the champion";
    } else if (current.isPresent()) {
      ModelRegistry.Version champion =
          registry.resolve(model, Integer.toString(current.get().version()));
      contest = Optional.of(contest(run, candidate, champion, metric));
      reason = reason(metric, contest.get());
    }
    boolean promoted = current.isEmpty() || contest.map(Contest::wins).orElse(false);
    Promotion promotion =
        new Promotion(
            metric,
            p.minImprovement(),
            run.runId(),
            Instant.now().toString(),
            contest.map(c -> OptionalDouble.of(c.candidateScore())).orElse(OptionalDouble.empty()),
            contest.map(c -> OptionalDouble.of(c.championScore())).orElse(OptionalDouble.empty()),
            contest.map(c -> OptionalInt.of(c.champion())).orElse(OptionalInt.empty()),
            reason,
            promoted);
    if (promoted) {
      registry.setAlias(
          model, new Alias(ModelRegistry.CHAMPION, candidate.version(), Optional.of(promotion)));
    }
    registry.updateMetadata(candidate, candidate.metadata().withPromotion(promotion));
    Decision decision =
        new Decision(promoted, promoted ? candidate.version() : current.get().version(), reason);
    record(run, step, candidate.version(), decision);
    return decision;
  }

  /** {@code promote.metric}, else the task's default; it must be one the task measures. */
  private Metric metric(ModelMetadata candidate) {
    Metric metric = p.metric().orElse(Metric.defaultFor(candidate.task()));
    if (!Metric.namesFor(candidate.task()).contains(metric.configName())) {
      throw new ConfigException(
          String.format(
              "promote.metric: expected one of %s for %s, got: %s",
              Metric.namesFor(candidate.task()),
              candidate.task().displayName(),
              metric.configName()));
    }
    return metric;
  }

  /**
   * Scores both models on the candidate's test rows. Beating means strictly better, by at least the
   * margin: a tie keeps the champion.
   */
  private Contest contest(
      RunContext run,
      ModelRegistry.Version candidate,
      ModelRegistry.Version champion,
      Metric metric) {
    ModelMetadata on = candidate.metadata();
    Dataset<Row> test =
        on.splitRows(run.spark(), run.lake(), Split.TEST).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Comparability.check(on, champion.metadata(), test.schema(), "promote");
      double candidateScore = score(candidate, on, test, metric);
      double championScore = score(champion, on, test, metric);
      double improvement = metric.improvement(candidateScore, championScore);
      boolean wins = improvement > 0 && improvement >= p.minImprovement();
      return new Contest(champion.version(), candidateScore, championScore, wins);
    } finally {
      test.unpersist();
    }
  }

  /** A version's metric on the rows, at its own decision threshold. */
  private static double score(
      ModelRegistry.Version version, ModelMetadata on, Dataset<Row> test, Metric metric) {
    return ScoredRows.measure(
            version.load(),
            test,
            on.question(),
            version.metadata().decisionThreshold(),
            ScoredRows.DEFAULT_BETA)
        .valueOf(metric);
  }

  private String reason(Metric metric, Contest c) {
    return String.format(
        Locale.ROOT,
        "%s %.4f vs champion v%d %.4f (improvement %.4f, needed %.4f)",
        metric.configName(),
        c.candidateScore(),
        c.champion(),
        c.championScore(),
        metric.improvement(c.candidateScore(), c.championScore()),
        p.minImprovement());
  }

  private void record(RunContext run, StepRecord step, int candidate, Decision decision) {
    step.count("model", model + " v" + candidate);
    step.count("promoted", decision.promoted() ? "yes" : "no");
    step.count("champion", "v" + decision.champion());
    run.console()
        .info(
            "%s v%d %s champion: %s",
            model, candidate, decision.promoted() ? "is now" : "is not", decision.reason());
  }
}
