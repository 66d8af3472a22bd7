package io.lakeml.pipeline;

import io.lakeml.drift.DriftJob;
import io.lakeml.evaluate.EvaluateJob;
import io.lakeml.generate.GenerateJob;
import io.lakeml.ingest.IngestJob;
import io.lakeml.job.Job;
import io.lakeml.model.PromoteJob;
import io.lakeml.score.ScoreJob;
import io.lakeml.train.TrainJob;
import java.util.LinkedHashMap;
import java.util.Map;

/** Every job by its command-line name. */
public final class Jobs {
  private static final Map<String, Job> ALL = new LinkedHashMap<>();

  static {
    for (Job job :
        new Job[] {
          new GenerateJob(),
          new IngestJob(),
          new TrainJob(),
          new EvaluateJob(),
          new PromoteJob(),
          new ScoreJob(),
          new DriftJob(),
          new PipelineJob()
        }) {
      ALL.put(job.name(), job);
    }
  }

  private Jobs() {}

  public static Job byName(String name) {
    Job job = ALL.get(name);
    if (job == null) {
      throw new IllegalArgumentException("unknown job '" + name + "'; jobs: " + ALL.keySet());
    }
    return job;
  }

  public static Map<String, Job> all() {
    return Map.copyOf(ALL);
  }
}
