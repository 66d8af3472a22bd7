package io.lakeml.jobs;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A lakeml job in a JVM of its own, on the test JVM's classpath and flags, as {@code spark-submit}
 * would start a driver: a process a test can kill, or give a Spark master the shared test session
 * does not have.
 */
final class ChildJvm {
  private final Process process;
  private final Path log;

  private ChildJvm(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts {@code lakeml <args>} with the {@code test} environment. */
  static ChildJvm start(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-opens")
          || a.startsWith("-XX:+IgnoreUnrecognizedVMOptions")
          || a.startsWith("-Djdk.reflect")
          || a.startsWith("-Dlog4j2")
          || a.startsWith("-Dspark.local.ip")) {
        command.add(a);
      }
    }
    command.add("-Xmx1g");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Lakeml.class.getName());
    command.addAll(List.of(args));
    command.addAll(List.of("--env", "test"));
    Path log = Files.createTempFile("lakeml-child", ".log");
    ProcessBuilder pb =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    return new ChildJvm(pb.start(), log);
  }

  /** Waits for the job to end; its exit code. */
  int await() throws InterruptedException {
    return process.waitFor();
  }

  boolean alive() {
    return process.isAlive();
  }

  /** SIGKILL: no shutdown hook, no cleanup, as when a node or a container dies. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  String output() throws IOException {
    return Files.readString(log);
  }
}
