package io.lakeml.pipeline;

import io.lakeml.drift.DriftStep;
import io.lakeml.model.ModelRegistry;
import io.lakeml.run.CompletedSteps;
import io.lakeml.run.RunContext;
import io.lakeml.run.Step;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code pipeline}: the steps of {@code pipeline.steps} in order, in one Spark application and one
 * run manifest (each step timed, with its inputs, outputs and counts). A model trained by an
 * earlier step is the one later steps evaluate and promote; {@code score} and {@code drift} use the
 * version their sections name ({@code champion} by default), so a promotion in the same run takes
 * effect at once. Under {@code --resume} the leading steps an earlier run completed are skipped.
 */
public final class PipelineJob implements Job {
  @Override
  public String name() {
    return "pipeline";
  }

  @Override
  public List<String> plan(LakemlConfig config, LocalDate runDate) {
    List<String> plan = new ArrayList<>();
    for (Step step : config.steps()) {
      for (String line : Stages.of(step, config).plan(runDate)) {
        plan.add((plan.size() + 1) + ". " + line);
      }
    }
    return plan;
  }

  /** What the steps run so far hand to the ones after them. */
  private static final class Carried {
    Optional<String> trained = Optional.empty();
    Optional<DriftStep.Outcome> drift = Optional.empty();
  }

  @Override
  public void run(RunContext run, LakemlConfig config) {
    Carried carried = new Carried();
    for (Step step : config.steps()) {
      Optional<CompletedSteps.Record> done = run.resumable(step);
      if (done.isPresent()) {
        resume(run, step, done.get(), carried);
      } else {
        runStep(run, config, step, carried);
      }
    }
    carried.drift.ifPresent(d -> d.raiseIfAlerting(config.drift().failOnAlert()));
  }

  /** A step an earlier run completed: skipped, what it handed on taken from its record. */
  private static void resume(
      RunContext run, Step step, CompletedSteps.Record done, Carried carried) {
    run.skip(step, done);
    Object version = done.counts().get("model_version");
    if (step == Step.TRAIN && version != null) {
      carried.trained = Optional.of(version.toString());
    }
    if (step == Step.DRIFT) {
      // The date's outcome stands: a resumed run of an alerting day alerts again.
      carried.drift = Optional.of(DriftStep.Outcome.recorded(done));
    }
  }

  private static void runStep(RunContext run, LakemlConfig config, Step step, Carried carried) {
    switch (step) {
      case TRAIN -> {
        ModelRegistry.Version v = Stages.train(config).runIn(run);
        carried.trained = Optional.of(Integer.toString(v.version()));
      }
      case EVALUATE ->
          Stages.evaluate(config, carried.trained.orElse(config.evaluate().modelVersion()))
              .runIn(run);
      case PROMOTE ->
          Stages.promote(config, carried.trained.orElse(config.promote().modelVersion()))
              .runIn(run);
      case DRIFT -> carried.drift = Optional.of(Stages.drift(config).runIn(run));
      default -> Stages.of(step, config).runIn(run);
    }
  }
}
