package io.lakeml.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeml.ml.DataQualityException;
import io.lakeml.pipeline.Jobs;
import io.lakeml.pipeline.LakemlConfig;
import io.lakeml.run.RunManifest;
import io.lakeml.testing.TestConfigs;
import io.lakeml.testing.TestRuns;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every file of the bad-input corpus: expected outcome and conservation of rows. */
class BadInputCorpusTest {
  @TempDir Path dir;

  private static final String SCHEMA =
      "ingest.schema=[{name=id, type=long, nullable=false}, {name=name, type=string},"
          + " {name=amount, type=double, min=0}, {name=day, type=date, format=\"yyyy-MM-dd\"}]";

  private LakemlConfig config(String file, String format, boolean multiLine)
      throws URISyntaxException {
    Path path = Path.of(getClass().getResource("/corpus/" + file).toURI());
    return TestConfigs.load(
        null,
        "lake.root=" + dir.resolve("lake").toUri(),
        "ingest.source.path=" + path.toUri(),
        "ingest.source.format=" + format,
        "ingest.source.multi-line=" + multiLine,
        SCHEMA);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    // file,                 format, multi-line, read, accepted, quarantined, duplicates
    "truncated.csv,          csv,  false, 4, 2, 2, 0",
    "extra-fields.csv,       csv,  false, 3, 1, 2, 0",
    "wrong-types.csv,        csv,  false, 6, 1, 5, 0",
    "bom.csv,                csv,  false, 2, 2, 0, 0",
    "embedded-newlines.csv,  csv,  true,  3, 3, 0, 0",
    "invalid-utf8.csv,       csv,  false, 3, 1, 2, 0",
    "duplicates.csv,         csv,  false, 3, 2, 0, 1",
    "broken.jsonl,           json, false, 5, 2, 3, 0",
    "type-mismatch.jsonl,    json, false, 6, 2, 4, 0",
    "non-finite.csv,         csv,  false, 5, 1, 4, 0",
  })
  void expectedCountsAndConservation(
      String file,
      String format,
      boolean multiLine,
      long read,
      long accepted,
      long quarantined,
      long duplicates)
      throws Exception {
    RunManifest m = new TestRuns().run(Jobs.byName("ingest"), config(file, format, multiLine));

    Map<String, Object> counts = m.steps().get(0).counts();
    assertThat(counts)
        .containsEntry("rows_read", read)
        .containsEntry("rows_accepted", accepted)
        .containsEntry("rows_quarantined", quarantined)
        .containsEntry("duplicates_dropped", duplicates);
    assertThat(accepted + quarantined + duplicates).isEqualTo(read);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "reordered-header.csv | another order: expected [id, name, amount, day], got: [name, id, amount, day]",
        "empty.csv            | lacks declared columns [id, name, amount, day]",
      })
  void refusedWithADataQualityError(String file, String message) throws Exception {
    LakemlConfig c = config(file.strip(), "csv", false);
    assertThatThrownBy(() -> new TestRuns().run(Jobs.byName("ingest"), c))
        .isInstanceOf(DataQualityException.class)
        .hasMessageContaining(message.strip());
  }
}
