package io.lakeml.jobs;

/** {@code spark-submit --class io.lakeml.jobs.SqlMain}: {@code lakeml sql}. */
public final class SqlMain {
  private SqlMain() {}

  public static void main(String[] args) {
    Launcher.main("sql", args);
  }
}
