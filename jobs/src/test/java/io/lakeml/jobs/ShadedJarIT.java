package io.lakeml.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The jar submitted to clusters: lakeml and its small dependencies relocated, no classes the
 * cluster provides, every job's main class, and exactly the reviewed list of bundled artifacts.
 */
class ShadedJarIT {
  private static final Path JAR = Path.of(System.getProperty("lakeml.jar"));

  private static List<String> entries() throws IOException {
    try (JarFile jar = new JarFile(JAR.toFile())) {
      return Collections.list(jar.entries()).stream().map(ZipEntry::getName).toList();
    }
  }

  private static List<String> deequEntries() throws IOException {
    try (JarFile jar = new JarFile(System.getProperty("lakeml.deequ.jar"))) {
      return Collections.list(jar.entries()).stream().map(ZipEntry::getName).toList();
    }
  }

  @Test
  void holdsNoClassesTheClusterProvides() throws IOException {
    List<String> deequ = deequEntries();
    assertThat(entries())
        .as("org/apache/spark entries may only be Deequ's and XGBoost's own classes")
        .filteredOn(
            e ->
                e.startsWith("org/apache/spark/")
                    && !e.endsWith("/")
                    && !e.startsWith("org/apache/spark/ml/xgboost/"))
        .allMatch(deequ::contains)
        .doesNotContain(
            "org/apache/spark/SparkContext.class",
            "org/apache/spark/sql/Dataset.class",
            "org/apache/spark/sql/functions.class",
            "org/apache/spark/ml/Pipeline.class");
    assertThat(entries())
        .noneMatch(e -> e.startsWith("org/apache/hadoop/"))
        .noneMatch(e -> e.startsWith("scala/"))
        .noneMatch(e -> e.startsWith("com/amazonaws/"))
        .noneMatch(e -> e.startsWith("software/amazon/awssdk/"))
        .noneMatch(e -> e.startsWith("com/fasterxml/jackson/"))
        .noneMatch(e -> e.startsWith("org/slf4j/"))
        .noneMatch(e -> e.startsWith("com/esotericsoftware/"));
  }

  @Test
  void carriesXGBoostWithItsLinuxLibrariesOnly() throws IOException {
    assertThat(entries())
        .contains(
            "ml/dmlc/xgboost4j/scala/spark/XGBoostClassifier.class",
            "lib/linux/x86_64/libxgboost4j.so",
            "lib/linux/aarch64/libxgboost4j.so")
        .noneMatch(e -> e.startsWith("lib/macos/") || e.startsWith("lib/windows/"));
  }

  @Test
  void ownDependenciesAreRelocated() throws IOException {
    List<String> entries = entries();
    assertThat(entries)
        .noneMatch(e -> e.startsWith("com/typesafe/config/"))
        .noneMatch(e -> e.startsWith("picocli/"))
        .contains("io/lakeml/shaded/com/typesafe/config/Config.class")
        .contains("io/lakeml/shaded/picocli/CommandLine.class")
        .noneMatch(e -> e.startsWith("org/knowm/"))
        .contains("io/lakeml/shaded/org/knowm/xchart/XYChart.class");
    assertThat(entries)
        .allMatch(
            e ->
                e.endsWith("/")
                    || e.startsWith("io/lakeml/")
                    || e.startsWith("com/amazon/deequ/")
                    || e.startsWith("org/apache/spark/sql/")
                    || e.startsWith("ml/dmlc/xgboost4j/")
                    || e.startsWith("org/apache/spark/ml/xgboost/")
                    || e.startsWith("lib/linux/")
                    || e.equals("xgboost4j-version.properties")
                    || e.startsWith("META-INF/")
                    || e.startsWith("lakeml/"),
            "only lakeml's packages, Deequ, resources and metadata");
  }

  @Test
  void everyJobHasItsMainClassAndTheEnvironmentsAreBuiltIn() throws IOException {
    List<String> entries = entries();
    for (String main :
        List.of(
            "Lakeml",
            "GenerateMain",
            "IngestMain",
            "TrainMain",
            "EvaluateMain",
            "PromoteMain",
            "ScoreMain",
            "PipelineMain")) {
      assertThat(entries).contains("io/lakeml/jobs/" + main + ".class");
    }
    assertThat(entries)
        .contains(
            "lakeml/defaults.conf",
            "lakeml/env/local.conf",
            "lakeml/env/local-s3.conf",
            "lakeml/env/emr.conf")
        .doesNotContain("lakeml/env/test.conf");
  }

  @Test
  void bundledDependenciesMatchTheReviewedList() throws IOException {
    List<String> expected =
        Files.readAllLines(Path.of(System.getProperty("lakeml.bundled.expected"))).stream()
            .map(String::strip)
            .filter(l -> !l.isEmpty() && !l.startsWith("#"))
            .sorted()
            .toList();
    Pattern line = Pattern.compile("^\\s+([^:\\s]+):([^:\\s]+):jar:([^:\\s]+):(compile|runtime).*");
    List<String> actual =
        Files.readAllLines(Path.of(System.getProperty("lakeml.bundled.actual"))).stream()
            .map(line::matcher)
            .filter(Matcher::matches)
            .map(m -> m.group(1) + ":" + m.group(2) + ":" + m.group(3))
            .sorted()
            .toList();
    assertThat(actual)
        .as("jobs/bundled-dependencies.txt is out of date with what the shaded jar bundles")
        .isEqualTo(expected);
  }
}
