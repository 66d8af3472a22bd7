package io.lakeml.jobs;

/** {@code spark-submit --class io.lakeml.jobs.IngestMain}: the {@code ingest} job. */
public final class IngestMain {
  private IngestMain() {}

  public static void main(String[] args) {
    Launcher.main("ingest", args);
  }
}
