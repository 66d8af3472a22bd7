package io.lakeml.jobs;

/** {@code spark-submit --class io.lakeml.jobs.DriftMain}: the {@code drift} job. */
public final class DriftMain {
  private DriftMain() {}

  public static void main(String[] args) {
    Launcher.main("drift", args);
  }
}
