package io.lakeml.jobs;

/** {@code spark-submit --class io.lakeml.jobs.PipelineMain}: the {@code pipeline} job. */
public final class PipelineMain {
  private PipelineMain() {}

  public static void main(String[] args) {
    Launcher.main("pipeline", args);
  }
}
