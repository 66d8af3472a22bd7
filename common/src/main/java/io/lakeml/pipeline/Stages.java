package io.lakeml.pipeline;

import io.lakeml.drift.DriftStep;
import io.lakeml.evaluate.EvaluateStep;
import io.lakeml.generate.GenerateStep;
import io.lakeml.ingest.IngestStep;
import io.lakeml.maintain.MaintainStep;
import io.lakeml.promote.PromoteStep;
import io.lakeml.quality.DayProfile;
import io.lakeml.run.Step;
import io.lakeml.run.StepAction;
import io.lakeml.score.ScoreStep;
import io.lakeml.train.Algorithm;
import io.lakeml.train.TrainStep;

/**
 * Each step built from the whole configuration: the one place that hands every stage the sections
 * it needs, so no stage reads another's.
 */
final class Stages {
  private Stages() {}

  /** The step as its own job runs it: the versions its sections name. */
  static StepAction<?> of(Step step, LakemlConfig c) {
    return switch (step) {
      case GENERATE -> generate(c);
      case INGEST -> ingest(c);
      case TRAIN -> train(c);
      case EVALUATE -> evaluate(c, c.evaluate().modelVersion());
      case PROMOTE -> promote(c, c.promote().modelVersion());
      case SCORE -> score(c);
      case DRIFT -> drift(c);
      case MAINTAIN -> new MaintainStep(c.maintain(), c.lake());
    };
  }

  static GenerateStep generate(LakemlConfig c) {
    return new GenerateStep(c.generate(), c.lake(), c.dataset());
  }

  static IngestStep ingest(LakemlConfig c) {
    return new IngestStep(c.requireIngest(), c.quality(), c.lake(), c.dataset(), profileLabel(c));
  }

  /** The label of the pipeline's training, which the day's profile page relates columns to. */
  static java.util.Optional<DayProfile.LabelSpec> profileLabel(LakemlConfig c) {
    return c.train()
        .flatMap(
            t ->
                t.label()
                    .map(
                        l ->
                            new DayProfile.LabelSpec(
                                l,
                                t.algorithm().kind() == Algorithm.Kind.CLASSIFIER,
                                t.positiveLabel())));
  }

  static TrainStep train(LakemlConfig c) {
    return new TrainStep(c.requireTrain(), c.requireFeatures(), c.lake(), c.dataset());
  }

  static EvaluateStep evaluate(LakemlConfig c, String version) {
    return new EvaluateStep(c.evaluate(), c.modelName(), version, c.lake(), c.dataset());
  }

  static PromoteStep promote(LakemlConfig c, String version) {
    return new PromoteStep(c.promote(), c.modelName(), version, c.lake());
  }

  static ScoreStep score(LakemlConfig c) {
    return new ScoreStep(c.score(), c.modelName(), c.lake(), c.dataset());
  }

  static DriftStep drift(LakemlConfig c) {
    return new DriftStep(
        c.drift(),
        c.modelName(),
        c.lake(),
        c.dataset(),
        c.score().input(),
        c.score().castMismatchedTypes());
  }
}
