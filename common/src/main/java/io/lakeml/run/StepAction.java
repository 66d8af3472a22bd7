package io.lakeml.run;

import java.time.LocalDate;
import java.util.List;

/**
 * One configured step of a run: what it would do for a date, and doing it. Stage packages implement
 * it from the typed sections they need; the pipeline builds them from the whole configuration.
 *
 * @param <R> what the step hands to the steps after it (a model version, a drift result, ...)
 */
public interface StepAction<R> {
  /** Which step this is. */
  Step step();

  /**
   * What the step would read and write for a date, one line each. Starts no Spark: it is what
   * {@code --validate} prints.
   */
  List<String> plan(LocalDate runDate);

  /** Does the work, reporting what it read, wrote and counted to {@code record}. */
  R run(RunContext run, StepRecord record);

  /** Runs the step as a named, timed step of the run's manifest. */
  default R runIn(RunContext run) {
    return run.step(step(), record -> run(run, record));
  }
}
