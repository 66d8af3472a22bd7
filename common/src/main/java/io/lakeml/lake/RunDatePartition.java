package io.lakeml.lake;

import java.time.LocalDate;

/** The one partition column every zone shares. */
public final class RunDatePartition {
  public static final String COLUMN = "run_date";

  private RunDatePartition() {}

  public static String folder(LocalDate runDate) {
    return COLUMN + "=" + runDate;
  }
}
