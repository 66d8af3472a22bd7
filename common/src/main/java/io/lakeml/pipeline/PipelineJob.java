package io.lakeml.pipeline;

import io.lakeml.config.LakemlConfig;
import io.lakeml.drift.DriftJob;
import io.lakeml.evaluate.EvaluateJob;
import io.lakeml.generate.GenerateJob;
import io.lakeml.ingest.IngestJob;
import io.lakeml.job.Job;
import io.lakeml.model.ModelRegistry;
import io.lakeml.model.PromoteJob;
import io.lakeml.run.CompletedSteps;
import io.lakeml.run.RunContext;
import io.lakeml.score.ScoreJob;
import io.lakeml.train.TrainJob;
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
    for (String step : config.steps()) {
      for (String line : Jobs.byName(step).plan(config, runDate)) {
        plan.add((plan.size() + 1) + ". " + line);
      }
    }
    return plan;
  }

  @Override
  public void run(RunContext run, LakemlConfig config) {
    String trained = null;
    DriftJob.Result drift = null;
    for (String step : config.steps()) {
      Optional<CompletedSteps.Record> done = run.resumable(step);
      if (done.isPresent()) {
        run.skip(step, done.get());
        Object version = done.get().counts().get("model_version");
        if (step.equals("train") && version != null) {
          trained = version.toString();
        }
        if (step.equals("drift")) {
          // The date's outcome stands: a resumed run of an alerting day alerts again.
          drift = DriftJob.Result.recorded(done.get());
        }
        continue;
      }
      String candidate = trained;
      switch (step) {
        case "generate" -> new GenerateJob().run(run, config);
        case "ingest" -> run.step("ingest", s -> IngestJob.ingest(run, config, s));
        case "train" -> {
          ModelRegistry.Version v = run.step("train", s -> TrainJob.train(run, config, s));
          trained = Integer.toString(v.version());
        }
        case "evaluate" -> {
          String version = candidate != null ? candidate : config.evaluate().modelVersion();
          run.step(
              "evaluate", s -> EvaluateJob.evaluate(run, config, config.modelName(), version, s));
        }
        case "promote" -> {
          String version = candidate != null ? candidate : config.promote().modelVersion();
          run.step("promote", s -> PromoteJob.promote(run, config, config.modelName(), version, s));
        }
        case "score" ->
            run.step("score", s -> ScoreJob.score(run, config, config.score().modelVersion(), s));
        case "drift" ->
            drift =
                run.step(
                    "drift", s -> DriftJob.drift(run, config, config.drift().modelVersion(), s));
        default -> throw new IllegalStateException("unknown step " + step);
      }
    }
    if (drift != null) {
      DriftJob.raiseIfAlerting(config, drift);
    }
  }
}
