package io.lakeml.jobs;

import io.lakeml.config.ConfigException;
import java.io.PrintStream;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The argument handling the stand-alone commands ({@code lakeml sql}, {@code lakeml init}) share:
 * parse, print the help when asked, run the command's own checks, and report a bad argument (with
 * the usage) or a bad configuration in one line, both with exit code 2, before anything starts.
 */
final class CommandArgs {
  /** {@code -h}, {@code --help}. */
  static final class Help {
    @Option(
        names = {"-h", "--help"},
        usageHelp = true,
        description = "Show this help and exit.")
    boolean requested;
  }

  /** A command's checks after parsing; throws IllegalArgumentException or ConfigException. */
  interface Checks<T> {
    T run();
  }

  /** What the command runs with, or, when empty, the exit code to end with now. */
  record Parsed<T>(Optional<T> value, ExitCode exit) {}

  private CommandArgs() {}

  static <T> Parsed<T> parse(
      CommandLine cli,
      String[] args,
      Help help,
      PrintStream out,
      PrintStream err,
      Checks<T> checks) {
    String name = cli.getCommandName();
    try {
      cli.parseArgs(args);
      if (help.requested) {
        cli.usage(out);
        return new Parsed<>(Optional.empty(), ExitCode.OK);
      }
      return new Parsed<>(Optional.of(checks.run()), ExitCode.OK);
    } catch (CommandLine.ParameterException | IllegalArgumentException e) {
      err.println(name + ": " + e.getMessage());
      cli.usage(err);
      return new Parsed<>(Optional.empty(), ExitCode.CONFIG_ERROR);
    } catch (ConfigException e) {
      err.println(name + ": configuration error: " + e.getMessage());
      return new Parsed<>(Optional.empty(), ExitCode.CONFIG_ERROR);
    }
  }
}
