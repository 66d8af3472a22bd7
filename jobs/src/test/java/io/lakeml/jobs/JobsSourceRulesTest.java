package io.lakeml.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakeml.testing.JavaSources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The jobs module keeps to the library's rules: no method over 60 lines, and every per-job main is
 * thin (it only hands its job's name and the arguments to the launcher).
 */
class JobsSourceRulesTest {
  private static final JavaSources SOURCES = JavaSources.mainOf("jobs");

  @Test
  void noMethodIsLongerThanTheLimit() {
    assertThat(SOURCES.methodsLongerThan(60)).as("methods over 60 lines").isEmpty();
  }

  @Test
  void everyJobMainOnlyCallsTheLauncher() throws Exception {
    List<String> thick = new ArrayList<>();
    for (Path file : SOURCES.files()) {
      String name = file.getFileName().toString();
      if (!name.endsWith("Main.java")) {
        continue;
      }
      String text = Files.readString(SOURCES.root().resolve(file));
      String body = text.substring(text.indexOf("public static void main"));
      if (!body.matches(
          "(?s)public static void main\\(String\\[\\] args\\) \\{\\s*"
              + "Launcher\\.main\\(\"[a-z]+\", args\\);\\s*\\}\\s*\\}\\s*")) {
        thick.add(file.toString());
      }
    }
    assertThat(thick).as("mains that do more than call the launcher").isEmpty();
  }
}
