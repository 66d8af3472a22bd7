package io.lakeml.jobs;

/** {@code spark-submit --class io.lakeml.jobs.MaintainMain}: the {@code maintain} job. */
public final class MaintainMain {
  private MaintainMain() {}

  public static void main(String[] args) {
    Launcher.main("maintain", args);
  }
}
