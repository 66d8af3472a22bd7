package io.lakeml.jobs;

/** {@code spark-submit --class io.lakeml.jobs.EvaluateMain}: the {@code evaluate} job. */
public final class EvaluateMain {
  private EvaluateMain() {}

  public static void main(String[] args) {
    Launcher.main("evaluate", args);
  }
}
