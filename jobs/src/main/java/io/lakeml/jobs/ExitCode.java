package io.lakeml.jobs;

/**
 * Process exit codes, distinct per kind of failure so a scheduler can tell "fix the config" from
 * "the data is bad" from "the job broke".
 */
public enum ExitCode {
  /** The job finished. */
  OK(0),
  /** Bad command line or configuration: nothing ran, no Spark started. */
  CONFIG_ERROR(2),
  /** The input broke a data-quality expectation; nothing was published for the failed step. */
  DATA_QUALITY_FAILURE(3),
  /** Any other failure while the job ran. */
  JOB_FAILURE(4),
  /** The job finished and wrote its results, and a batch drifted past an alert threshold. */
  DRIFT_ALERT(5);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
