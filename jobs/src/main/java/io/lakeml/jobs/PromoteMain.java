package io.lakeml.jobs;

/** {@code spark-submit --class io.lakeml.jobs.PromoteMain}: the {@code promote} job. */
public final class PromoteMain {
  private PromoteMain() {}

  public static void main(String[] args) {
    Launcher.main("promote", args);
  }
}
