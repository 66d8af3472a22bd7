package io.lakeml.jobs;

import java.io.PrintWriter;
import java.util.Arrays;

/**
 * {@code lakeml <job> [options]}: the one command line for every job. Each job also has its own
 * main class ({@code io.lakeml.jobs.IngestMain}, ...) for {@code spark-submit --class} and EMR
 * steps.
 */
public final class Lakeml {
  private Lakeml() {}

  public static void main(String[] args) {
    if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help")) {
      Launcher.printJobs(new PrintWriter(System.out));
      System.exit(args.length == 0 ? ExitCode.CONFIG_ERROR.code() : ExitCode.OK.code());
    }
    Launcher.main(args[0], Arrays.copyOfRange(args, 1, args.length));
  }
}
