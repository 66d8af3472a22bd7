package io.lakeml.pipeline;

import io.lakeml.config.LakemlConfig;
import io.lakeml.evaluate.EvaluateJob;
import io.lakeml.generate.GenerateJob;
import io.lakeml.ingest.IngestJob;
import io.lakeml.job.Job;
import io.lakeml.model.ModelRegistry;
import io.lakeml.model.PromoteJob;
import io.lakeml.run.RunContext;
import io.lakeml.score.ScoreJob;
import io.lakeml.train.TrainJob;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code pipeline}: the steps of {@code pipeline.steps} in order, in one Spark application and one
 * run manifest. A model trained by an earlier step is the one later steps evaluate and score.
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
    String modelVersion = null;
    for (String step : config.steps()) {
      switch (step) {
        case "generate" -> new GenerateJob().run(run, config);
        case "ingest" -> run.step("ingest", s -> IngestJob.ingest(run, config, s));
        case "train" -> {
          ModelRegistry.Version v = run.step("train", s -> TrainJob.train(run, config, s));
          modelVersion = Integer.toString(v.version());
        }
        case "evaluate" -> {
          String version = modelVersion != null ? modelVersion : config.evaluate().modelVersion();
          run.step(
              "evaluate", s -> EvaluateJob.evaluate(run, config, config.modelName(), version, s));
        }
        case "promote" -> {
          String version = modelVersion != null ? modelVersion : config.promote().modelVersion();
          run.step("promote", s -> PromoteJob.promote(run, config, config.modelName(), version, s));
        }
        case "score" -> {
          String version = modelVersion != null ? modelVersion : config.score().modelVersion();
          run.step("score", s -> ScoreJob.score(run, config, version, s));
        }
        default -> throw new IllegalStateException("unknown step " + step);
      }
    }
  }
}
