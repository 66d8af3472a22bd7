package io.lakeml.jobs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command as a user would, from the project's root folder, with its standard output and
 * error together in a log file, and fails the test if it outlives its time limit.
 */
final class ProjectCommand {
  static final Path ROOT =
      Path.of(System.getProperty("lakeml.project.root")).toAbsolutePath().normalize();

  /** The exit code and the output (invalid UTF-8, as in a cut-off log, decoded as U+FFFD). */
  record Result(int exit, String out) {}

  private ProjectCommand() {}

  static Result run(List<String> command, Duration limit) throws IOException, InterruptedException {
    Path log = Files.createTempFile("project-command", ".log");
    Process p =
        new ProcessBuilder(command)
            .directory(ROOT.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(command + " did not finish in " + limit);
    }
    return new Result(p.exitValue(), new String(Files.readAllBytes(log), StandardCharsets.UTF_8));
  }
}
