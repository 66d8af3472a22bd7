package io.lakeml.jobs;

/** {@code spark-submit --class io.lakeml.jobs.TrainMain}: the {@code train} job. */
public final class TrainMain {
  private TrainMain() {}

  public static void main(String[] args) {
    Launcher.main("train", args);
  }
}
