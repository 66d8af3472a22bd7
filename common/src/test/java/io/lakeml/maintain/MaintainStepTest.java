package io.lakeml.maintain;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakeml.lake.Lake;
import io.lakeml.lake.LakeTables;
import io.lakeml.lake.TableId;
import io.lakeml.pipeline.Jobs;
import io.lakeml.pipeline.LakemlConfig;
import io.lakeml.run.RunManifest;
import io.lakeml.testing.SparkTestSession;
import io.lakeml.testing.TestConfigs;
import io.lakeml.testing.TestRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lakeml maintain} on a lake whose curated table has a history and a killed run's leftovers.
 */
class MaintainStepTest {
  @TempDir Path dir;

  private LakemlConfig config(Path input, String... sets) {
    List<String> all = new java.util.ArrayList<>();
    all.add("lake.root=" + dir.resolve("lake").toUri());
    all.add("ingest.source.path=" + input.toUri());
    all.add(
        "ingest.schema=[{name=id, type=long, nullable=false}, {name=state, type=string},"
            + " {name=amount, type=double}]");
    all.addAll(List.of(sets));
    return TestConfigs.load(null, all.toArray(String[]::new));
  }

  private static long count(Path folder, String suffix) throws Exception {
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(p -> p.toString().endsWith(suffix)).count();
    }
  }

  @Test
  void expiresOldSnapshotsRemovesOrphansAndKeepsEveryRow() throws Exception {
    Path input = dir.resolve("in.csv");
    Files.writeString(input, "id,state,amount\n1,OH,1\n2,IL,2\n3,OH,3\n");
    LakemlConfig c = config(input);
    for (int run = 0; run < 3; run++) {
      new TestRuns().run(Jobs.byName("ingest"), c, TestRuns.DAY);
    }
    LakeTables tables = LakeTables.of(SparkTestSession.get(), c.lake());
    TableId curated = c.lake().tableId(Lake.Zone.CURATED, c.dataset());
    List<Row> rows = tables.read(curated, OptionalLong.empty()).collectAsList();
    Path data = Path.of(java.net.URI.create(curated.location())).resolve("data");
    // What a driver killed in the middle of its write leaves: files no snapshot references.
    Path orphan = data.resolve("run_date=" + TestRuns.DAY).resolve("00000-killed-run.parquet");
    try (Stream<Path> files = Files.list(orphan.getParent())) {
      Files.copy(
          files.filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow(), orphan);
    }
    long filesBefore = count(data, ".parquet");
    Thread.sleep(20);

    RunManifest m =
        new TestRuns()
            .run(
                Jobs.byName("maintain"),
                config(
                    input,
                    "maintain.expire-snapshots-older-than=0s",
                    "maintain.retain-last=1",
                    "maintain.remove-orphans-older-than=0s"),
                TestRuns.DAY);

    Map<String, Object> counts = m.steps().get(0).counts();
    assertThat(counts).containsEntry("tables", 2);
    assertThat((Long) counts.get("curated.insurance_claims.orphan_files_removed")).isPositive();
    assertThat((Long) counts.get("curated.insurance_claims.snapshots_expired")).isPositive();
    assertThat(orphan).doesNotExist();
    assertThat(count(data, ".parquet"))
        .as("the replaced days' files went with their snapshots")
        .isLessThan(filesBefore - 1);
    assertThat(SparkTestSession.get().sql("SELECT * FROM " + curated.sql() + ".snapshots").count())
        .isEqualTo(1);
    assertThat(
            LakeTables.of(SparkTestSession.get(), c.lake())
                .read(curated, OptionalLong.empty())
                .collectAsList())
        .containsExactlyInAnyOrderElementsOf(rows);
  }
}
