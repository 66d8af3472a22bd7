package io.lakeml.jobs;

/** {@code spark-submit --class io.lakeml.jobs.ScoreMain}: the {@code score} job. */
public final class ScoreMain {
  private ScoreMain() {}

  public static void main(String[] args) {
    Launcher.main("score", args);
  }
}
