package io.lakeml.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeml.io.Json;
import io.lakeml.ml.DataQualityException;
import io.lakeml.pipeline.Jobs;
import io.lakeml.pipeline.LakemlConfig;
import io.lakeml.run.RunManifest;
import io.lakeml.run.StepRecord;
import io.lakeml.testing.TestConfigs;
import io.lakeml.testing.TestRuns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestStepTest {
  @TempDir Path dir;

  private static final String SCHEMA =
      "ingest.schema=[{name=id, type=long, nullable=false}, {name=age, type=int, min=16, max=100},"
          + " {name=state, type=string, allowed=[OH, IL]}, {name=bound, type=date, format=\"yyyy-MM-dd\"},"
          + " {name=label, type=string, nullable=false}]";

  private LakemlConfig config(String csv, String... sets) throws IOException {
    Path file = dir.resolve("in.csv");
    Files.writeString(file, csv);
    String[] all = new String[sets.length + 6];
    all[0] = "lake.root=" + dir.resolve("lake").toUri();
    all[1] = "ingest.source.path=" + file.toUri();
    all[2] = SCHEMA;
    all[3] = "features.numeric=[age]";
    all[4] = "features.categorical=[state]";
    all[5] = "score.id-columns=[id]";
    System.arraycopy(sets, 0, all, 6, sets.length);
    return TestConfigs.load(null, withTrain(all));
  }

  private static String[] withTrain(String[] sets) {
    String[] out = new String[sets.length + 4];
    System.arraycopy(sets, 0, out, 0, sets.length);
    out[sets.length] = "train.model-name=m";
    out[sets.length + 1] = "train.label=label";
    out[sets.length + 2] = "train.positive-label=Y";
    out[sets.length + 3] = "train.algorithm=logistic-regression";
    return out;
  }

  private static StepRecord ingestStep(RunManifest m) {
    return m.steps().get(0);
  }

  @Test
  void everyRowLandsInExactlyOnePlaceWithItsReasons() throws IOException {
    String csv =
        String.join(
            "\n",
            "id,age,state,bound,label",
            "1,30,OH,2020-01-31,Y", // clean
            "2,?,IL,2020-02-01,N", // '?' -> null age: accepted
            "3,forty,OH,2020-01-01,N", // type error
            "4,12,OH,2020-01-01,N", // below min
            "5,30,TX,2020-01-01,N", // not allowed
            ",30,OH,2020-01-01,N", // required id missing
            "7,30,OH,2020-13-45,N", // bad date
            "8,30,OH", // too few fields
            "9,30,OH,2020-01-01,N,extra", // too many fields
            "1,30,OH,2020-01-31,Y", // exact duplicate of row 1
            " 10 , 31 ,IL ,2021-05-05, N ", // trimmed: accepted
            "11,3.7,OH,2020-01-01,N"); // a fraction is not an int
    LakemlConfig c = config(csv + "\n");

    RunManifest m = new TestRuns().run(Jobs.byName("ingest"), c);

    Map<String, Object> counts = ingestStep(m).counts();
    assertThat(counts)
        .containsEntry("rows_read", 12L)
        .containsEntry("rows_accepted", 3L)
        .containsEntry("rows_quarantined", 8L)
        .containsEntry("duplicates_dropped", 1L)
        .containsEntry("rejected.type:age", 2L)
        .containsEntry("rejected.range:age", 1L)
        .containsEntry("rejected.allowed:state", 1L)
        .containsEntry("rejected.required:id", 1L)
        .containsEntry("rejected.type:bound", 1L)
        .containsEntry("rejected.malformed:record", 2L);

    Dataset<Row> curated = IngestFixture.day(c, io.lakeml.lake.Lake.Zone.CURATED, TestRuns.DAY);
    assertThat(curated.orderBy("id").collectAsList().toString())
        .isEqualTo("[[1,30,OH,2020-01-31,Y], [2,null,IL,2020-02-01,N], [10,31,IL,2021-05-05,N]]");
    assertThat(curated.schema().apply("age").dataType().typeName()).isEqualTo("integer");

    Dataset<Row> quarantine =
        IngestFixture.day(c, io.lakeml.lake.Lake.Zone.QUARANTINE, TestRuns.DAY);
    Row forty = quarantine.filter("id = '3'").first();
    assertThat(forty.<String>getList(forty.fieldIndex("_reasons")))
        .containsExactly("type:age: not an int: 'forty'");
    assertThat(forty.getString(forty.fieldIndex("age"))).as("raw text kept").isEqualTo("forty");
    assertThat(forty.getString(forty.fieldIndex("_source_file"))).endsWith("in.csv");
    Row tooFew = quarantine.filter("id = '8'").first();
    assertThat(tooFew.getString(tooFew.fieldIndex("_raw_record"))).isEqualTo("8,30,OH");
  }

  @Test
  void manifestRecordsTheRunOnDisk() throws IOException {
    LakemlConfig c = config("id,age,state,bound,label\n1,30,OH,2020-01-31,Y\n");
    RunManifest m = new TestRuns().run(Jobs.byName("ingest"), c);

    String path = c.lake().runManifest("ingest", TestRuns.DAY, m.runId());
    Map<String, Object> json = Json.readMap(Files.readString(Path.of(java.net.URI.create(path))));
    assertThat(json)
        .containsEntry("job", "ingest")
        .containsEntry("status", "SUCCEEDED")
        .containsEntry("run_date", "2026-11-01")
        .containsKeys("config_digest", "spark_version", "spark_application_id", "steps");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> steps = (List<Map<String, Object>>) json.get("steps");
    assertThat(steps.get(0)).containsEntry("name", "ingest").containsKey("duration_ms");
  }

  @Test
  void reorderedHeaderIsRejectedNamingTheColumns() throws IOException {
    LakemlConfig c = config("age,id,state,bound,label\n30,1,OH,2020-01-31,Y\n");
    assertThatThrownBy(() -> new TestRuns().run(Jobs.byName("ingest"), c))
        .isInstanceOf(DataQualityException.class)
        .hasMessageContaining("another order")
        .hasMessageContaining("got: [age, id, state, bound, label]");
  }

  @Test
  void missingColumnIsRejectedNamingIt() throws IOException {
    LakemlConfig c = config("id,age,state,label\n1,30,OH,Y\n");
    assertThatThrownBy(() -> new TestRuns().run(Jobs.byName("ingest"), c))
        .isInstanceOf(DataQualityException.class)
        .hasMessageContaining("lacks declared columns [bound]");
  }

  @Test
  void emptyInputFailsAndTheManifestSaysSo() throws IOException {
    LakemlConfig c = config("id,age,state,bound,label\n");
    TestRuns runs = new TestRuns();
    assertThatThrownBy(() -> runs.run(Jobs.byName("ingest"), c))
        .isInstanceOf(DataQualityException.class)
        .hasMessageContaining("the input has no rows");
    assertThat(runs.console()).contains("ingest    FAILED");
    assertThat(
            Files.list(
                Path.of(
                    java.net.URI.create(
                        c.lake()
                            .partition(io.lakeml.lake.Lake.Zone.RUNS, "ingest", TestRuns.DAY)))))
        .singleElement()
        .satisfies(p -> assertThat(Files.readString(p)).contains("\"status\" : \"FAILED\""));
  }
}
