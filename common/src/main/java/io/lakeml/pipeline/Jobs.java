package io.lakeml.pipeline;

import io.lakeml.run.Step;
import java.util.LinkedHashMap;
import java.util.Map;

/** Every job by its command-line name: each step, and {@code pipeline}. */
public final class Jobs {
  private static final Map<String, Job> ALL = new LinkedHashMap<>();

  static {
    for (Step step : Step.values()) {
      ALL.put(step.configName(), new StepJob(step));
    }
    Job pipeline = new PipelineJob();
    ALL.put(pipeline.name(), pipeline);
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
