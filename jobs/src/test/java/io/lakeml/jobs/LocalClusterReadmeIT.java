package io.lakeml.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The README's "Run on a local cluster" block, line by line, exactly as written: start the cluster
 * and the local S3 server, run the fraud pipeline on it, stop everything.
 */
class LocalClusterReadmeIT {
  private static final Path ROOT =
      Path.of(System.getProperty("lakeml.project.root")).toAbsolutePath().normalize();

  private static List<String> readmeCommands() throws Exception {
    String readme = Files.readString(ROOT.resolve("README.md"));
    String section = readme.substring(readme.indexOf("## Run on a local cluster"));
    String block = section.substring(section.indexOf("```bash\n") + 8);
    block = block.substring(0, block.indexOf("```"));
    return block
        .lines()
        .map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("#"))
        .toList();
  }

  private static String run(String command) throws Exception {
    Path log = Files.createTempFile("readme-command", ".log");
    Process p =
        new ProcessBuilder("bash", "-c", command)
            .directory(ROOT.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError(command + " did not finish in 10 minutes");
    }
    String out = Files.readString(log, StandardCharsets.ISO_8859_1);
    assertThat(p.exitValue()).as(command + "\n" + out).isZero();
    return out;
  }

  @Test
  void threeCommandsFromTheReadme() throws Exception {
    List<String> commands = readmeCommands();
    assertThat(commands).hasSize(3);
    try {
      assertThat(run(commands.get(0))).contains("master:  spark://127.0.0.1:7077");
      assertThat(run(commands.get(1)))
          .contains("(Spark 3.5.7, spark://127.0.0.1:7077)")
          .contains("on lake s3a://lakeml/lake")
          .contains("ROC AUC")
          .contains("pipeline SUCCEEDED");
    } finally {
      assertThat(run(commands.get(2))).contains("cluster: stopped");
    }
  }
}
