package io.lakeml.jobs;

/** {@code spark-submit --class io.lakeml.jobs.GenerateMain}: the {@code generate} job. */
public final class GenerateMain {
  private GenerateMain() {}

  public static void main(String[] args) {
    Launcher.main("generate", args);
  }
}
