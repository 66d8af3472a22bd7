package io.lakeml.pipeline;

import io.lakeml.drift.DriftStep;
import io.lakeml.run.RunContext;
import io.lakeml.run.Step;
import java.time.LocalDate;
import java.util.List;

/** One step run as a job of its own: {@code lakeml ingest}, {@code lakeml train}, ... */
final class StepJob implements Job {
  private final Step step;

  StepJob(Step step) {
    this.step = step;
  }

  @Override
  public String name() {
    return step.configName();
  }

  @Override
  public List<String> plan(LakemlConfig config, LocalDate runDate) {
    return Stages.of(step, config).plan(runDate);
  }

  @Override
  public void run(RunContext run, LakemlConfig config) {
    Object result = Stages.of(step, config).runIn(run);
    if (result instanceof DriftStep.Outcome drift) {
      drift.raiseIfAlerting(config.drift().failOnAlert());
    }
  }
}
