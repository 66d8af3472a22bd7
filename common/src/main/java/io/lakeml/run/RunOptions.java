package io.lakeml.run;

import java.util.Set;

/**
 * How a run treats the work earlier runs did for the same date.
 *
 * @param resume skip each leading step of a pipeline that an earlier run of the same job and
 *     configuration completed for this date (recorded as succeeded, every output still complete)
 * @param force steps to run even when they are complete; with them, every later step runs too
 */
public record RunOptions(boolean resume, Set<Step> force) {
  /** Every step runs. */
  public static final RunOptions FRESH = new RunOptions(false, Set.of());

  public RunOptions {
    force = Set.copyOf(force);
  }
}
