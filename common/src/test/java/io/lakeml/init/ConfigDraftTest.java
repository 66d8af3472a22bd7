package io.lakeml.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeml.config.ConfigException;
import io.lakeml.io.LakeFiles;
import io.lakeml.ml.Metric;
import io.lakeml.model.ModelRegistry;
import io.lakeml.pipeline.LakemlConfig;
import io.lakeml.pipeline.PipelineJob;
import io.lakeml.run.RunManifest;
import io.lakeml.testing.SparkTestSession;
import io.lakeml.testing.TestConfigs;
import io.lakeml.testing.TestRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lakeml init} on the shipped samples, read as the command reads them, and on generated edge
 * cases: each draft loads as a job's configuration, says why it decided what it decided, and one
 * runs end to end to a model that learns.
 */
class ConfigDraftTest {
  @TempDir static Path dir;

  @Test
  void penguinsGetColumnNamesMissingTokensAndAMulticlassModel() throws Exception {
    String text = draftOf("penguins/penguins.csv", "species");
    assertThat(text)
        .contains("\"Beak Length (mm)\" = beak_length_mm")
        .contains("\"Species\" = species")
        .contains("missing-values = [\"\", \"NA\"]")
        .contains(
            "{ name = species, type = string, nullable = false, allowed = [\"Adelie\","
                + " \"Chinstrap\", \"Gentoo\"] }  # the label: 3 classes")
        .contains("{ name = body_mass_g, type = int }")
        .contains("algorithm = random-forest-classifier")
        .contains("categorical = [island, sex]");
    loads(text);
  }

  @Test
  void irisRunsEndToEndToAModelThatLearns() throws Exception {
    String text = draftOf("iris/iris.csv", "species");
    assertThat(text)
        .contains("# left out: flower_id: an id (a value per row): the split key, not a feature")
        .contains("key = [flower_id]")
        .contains("numeric = [sepal_length, sepal_width, petal_length, petal_width]");
    Path conf = dir.resolve("iris-init.conf");
    Files.writeString(conf, text);
    // As drafted, narrowed to the steps that show it learns: scoring and reports run in other
    // tests, and BinLakemlIT runs a draft through bin/lakeml.
    LakemlConfig config =
        TestConfigs.load(
            conf,
            "lake.root=" + dir.resolve("lake").toUri(),
            "pipeline.steps=[ingest, train, evaluate]",
            "evaluate.report=false");
    RunManifest manifest = new TestRuns().run(new PipelineJob(), config);
    assertThat(manifest.status()).isEqualTo(RunManifest.Status.SUCCEEDED);
    ModelRegistry.Version v =
        new ModelRegistry(config.lake(), LakeFiles.of(SparkTestSession.get()))
            .resolve("iris_multiclass", ModelRegistry.LATEST);
    assertThat(v.metadata().testMetrics().valueOf(Metric.byName("accuracy"))).isGreaterThan(0.85);
  }

  @Test
  void digitsLeaveConstantPixelsOutAndSayWhy() throws Exception {
    String text = draftOf("digits/digits.csv", "digit");
    assertThat(text)
        .contains("# left out: pixel_0_0: one value only ('0'): nothing to learn")
        .contains("key = [image_id]")
        .contains("{ name = digit, type = string, nullable = false, allowed = [\"0\", \"1\"")
        .contains("# multiclass: 10 classes.");
    loads(text);
  }

  @Test
  void theFraudSampleIsBinaryWithItsPositiveClassStated() throws Exception {
    String text = draftOf("insurance_claims/insurance_claims.csv", "fraud_reported");
    assertThat(text)
        .contains("positive-label = \"Y\"")
        .contains("'Y' reads as the positive one")
        .contains("\"?\"")
        .contains("key = [policy_number]")
        .contains("{ name = policy_bind_date, type = date, format = \"yyyy-MM-dd\"")
        .contains("{ name = policy_bind_date_year, expr = \"year(policy_bind_date)\" }")
        .containsPattern("name = age, type = int \\}  # \\d+ value\\(s\\) of \\d+ are not numbers")
        .contains("algorithm = logistic-regression");
    loads(text);
  }

  @Test
  void edgeCasesAreDecidedAloud() throws Exception {
    List<String> header = List.of("id", "empty", "amount", "when", "kind", "target");
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      rows.add(
          Arrays.asList(
              Integer.toString(i),
              null,
              i == 7 ? "lots" : Integer.toString(i * 3),
              i % 2 == 0 ? "2026-01-0" + (1 + i % 9) : "0" + (1 + i % 9) + "/01/2026",
              i % 3 == 0 ? "a" : "b",
              i % 5 == 0 ? "yes" : "no"));
    }
    String text =
        ConfigDraft.draft(new ConfigDraft.Source("x.csv", "csv", "edge", "target"), header, rows);
    assertThat(text)
        .contains("# left out: empty: no value in the sample")
        .contains("{ name = amount, type = int }  # 1 value(s) of 200 are not numbers ('lots')")
        .contains("dates in 2 formats (yyyy-MM-dd, dd/MM/yyyy): kept as text")
        .contains("positive-label = \"yes\"")
        .contains("class-weights = balanced");
    loads(text);

    List<List<String>> oneClass =
        rows.stream()
            .map(r -> r.subList(0, 5))
            .map(
                r -> {
                  List<String> copy = new ArrayList<>(r);
                  copy.add("no");
                  return copy;
                })
            .toList();
    assertThatThrownBy(
            () ->
                ConfigDraft.draft(
                    new ConfigDraft.Source("x.csv", "csv", "edge", "target"), header, oneClass))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("only 'no': nothing to learn");
    assertThatThrownBy(
            () ->
                ConfigDraft.draft(
                    new ConfigDraft.Source("x.csv", "csv", "edge", "label"), header, rows))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("a column of x.csv: id, empty, amount");
  }

  private static String draftOf(String sample, String label) {
    Path file = TestConfigs.projectRoot().resolve("data-samples").resolve(sample);
    SampleReader.Sample s =
        SampleReader.read(SparkTestSession.get(), file.toString(), "csv", 10_000);
    return ConfigDraft.draft(
        new ConfigDraft.Source(
            file.toString(), "csv", SampleReader.datasetOf(file.toString()), label),
        s.header(),
        s.rows());
  }

  private static void loads(String text) throws Exception {
    Path conf = Files.createTempFile(dir, "draft", ".conf");
    Files.writeString(conf, text);
    TestConfigs.load(conf);
  }
}
