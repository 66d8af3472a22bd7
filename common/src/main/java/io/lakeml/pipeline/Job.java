package io.lakeml.pipeline;

import io.lakeml.run.RunContext;
import java.time.LocalDate;
import java.util.List;

/**
 * A batch job. The jobs module parses arguments, loads and validates the configuration, builds the
 * one SparkSession and calls {@link #run}; a job never builds a session or exits the JVM.
 */
public interface Job {
  /** The name on the command line and in the lake's {@code runs/} zone. */
  String name();

  /**
   * What the job would read and write for this configuration and date, one line each; checks that
   * the sections it needs are present. Starts no Spark: it is what {@code --validate} prints.
   */
  List<String> plan(LakemlConfig config, LocalDate runDate);

  /** Does the work, reporting each step to the run's manifest. */
  void run(RunContext run, LakemlConfig config);
}
