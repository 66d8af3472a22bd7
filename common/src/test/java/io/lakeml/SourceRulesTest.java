package io.lakeml;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakeml.testing.JavaSources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rules of the library's main sources that a reviewer would otherwise check by eye: methods read as
 * their phases (none longer than {@value #MAX_METHOD_LINES} lines, signature to closing brace), and
 * every public type has Javadoc, and the library has no {@code main} and never builds a
 * SparkSession (the jobs module does both).
 */
class SourceRulesTest {
  /** The longest a method may be; the jobs module holds its sources to the same. */
  public static final int MAX_METHOD_LINES = 60;

  private static final Pattern MAIN = Pattern.compile("static\\s+void\\s+main\\s*\\(");
  private static final Pattern BUILDS_SESSION =
      Pattern.compile("SparkSession\\s*\\.\\s*builder\\s*\\(|new\\s+SparkContext\\s*\\(");

  private static JavaSources sources;

  @BeforeAll
  static void read() {
    sources = JavaSources.mainOf("common");
  }

  @Test
  void noMethodIsLongerThanTheLimit() {
    assertThat(sources.methodsLongerThan(MAX_METHOD_LINES))
        .as("methods over " + MAX_METHOD_LINES + " lines")
        .isEmpty();
  }

  @Test
  void everyPublicTypeSaysWhatItIs() {
    assertThat(sources.publicTypesWithoutJavadoc()).as("public types without Javadoc").isEmpty();
  }

  @Test
  void theLibraryHasNoMainAndBuildsNoSession() throws IOException {
    List<String> found = new ArrayList<>();
    for (Path file : sources.files()) {
      String text = Files.readString(sources.root().resolve(file));
      if (MAIN.matcher(text).find()) {
        found.add(file + ": a main method");
      }
      if (BUILDS_SESSION.matcher(text).find()) {
        found.add(file + ": builds a SparkSession");
      }
    }
    assertThat(found).isEmpty();
  }
}
