package io.lakeml.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeml.io.LakeFiles;
import io.lakeml.lake.Lake;
import io.lakeml.lake.LakeTables;
import io.lakeml.lake.TableId;
import io.lakeml.pipeline.Jobs;
import io.lakeml.pipeline.LakemlConfig;
import io.lakeml.run.RunManifest;
import io.lakeml.testing.ControlledFileIO;
import io.lakeml.testing.S3ProxyServer;
import io.lakeml.testing.SparkTestSession;
import io.lakeml.testing.TestConfigs;
import io.lakeml.testing.TestRuns;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingest end to end through {@code s3a://} against a real S3-compatible server, with the catalog of
 * the {@code local-s3} environment: Iceberg's JDBC catalog on an embedded SQLite file, data and
 * metadata on S3. Tables, a re-run of the same date, and a run whose writes fail.
 */
class S3IngestIT {
  @TempDir static Path state;
  private static S3ProxyServer s3;
  private static SparkSession spark;
  private static final String LAKE = "s3a://" + S3ProxyServer.BUCKET + "/lake";
  private static final String RAW = "s3a://" + S3ProxyServer.BUCKET + "/landing/claims.csv";
  private static final LocalDate D1 = TestRuns.DAY;
  private static final LocalDate D2 = TestRuns.DAY.plusDays(1);

  @BeforeAll
  static void startServer() throws Exception {
    s3 = S3ProxyServer.start(state);
    spark = SparkTestSession.get();
    s3.configure(spark);
    LakeFiles.of(spark)
        .writeString(
            RAW,
            String.join(
                "\n",
                "id,state,amount,day",
                "1,OH,10,2026-01-01",
                "2,IL,20,2026-01-01",
                "3,XX,30,2026-01-01",
                "4,OH,forty,2026-01-01",
                "2,IL,20,2026-01-01",
                ""));
  }

  @AfterAll
  static void stopServer() throws Exception {
    s3.close();
  }

  private static LakemlConfig config(String... sets) {
    List<String> all = new ArrayList<>();
    all.add("lake.root=" + LAKE);
    all.add("lake.catalog.type=jdbc");
    all.add("lake.catalog.uri=jdbc:sqlite:" + state.resolve("catalog.db"));
    all.add("lake.catalog.properties.io-impl=" + ControlledFileIO.class.getName());
    all.add("ingest.source.path=" + RAW);
    all.add(
        "ingest.schema=[{name=id, type=long, nullable=false}, {name=state, type=string, allowed=[OH, IL]},"
            + " {name=amount, type=double}, {name=day, type=date, format=\"yyyy-MM-dd\"}]");
    all.addAll(List.of(sets));
    return TestConfigs.load(null, all.toArray(String[]::new));
  }

  private static List<String> dataFiles(TableId table) {
    return spark.sql("SELECT file_path FROM " + table.sql() + ".files").collectAsList().stream()
        .map(r -> r.getString(0))
        .toList();
  }

  @Test
  void ingestThroughS3aIntoIcebergTablesOfAJdbcCatalog() {
    LakemlConfig c = config();
    RunManifest m = new TestRuns().run(Jobs.byName("ingest"), c, D1);

    assertThat(m.steps().get(0).counts())
        .containsEntry("rows_read", 5L)
        .containsEntry("rows_accepted", 2L)
        .containsEntry("rows_quarantined", 2L)
        .containsEntry("duplicates_dropped", 1L);
    LakeTables tables = LakeTables.of(spark, c.lake());
    TableId curated = c.lake().tableId(Lake.Zone.CURATED, c.dataset());
    assertThat(curated.location()).isEqualTo("s3a://lakeml/lake/curated/insurance_claims");
    assertThat(tables.readDays(curated, OptionalLong.empty(), List.of(D1)).count()).isEqualTo(2);
    List<String> files = dataFiles(curated);
    assertThat(files).isNotEmpty().allMatch(f -> f.startsWith(curated.location() + "/data/"));
    assertThat(state.resolve("catalog.db")).as("the catalog's database").exists();
    assertThat(LakeFiles.of(spark).exists(c.lake().runManifest("ingest", D1, m.runId()))).isTrue();

    // The same date again: replaced in one commit, not appended to.
    new TestRuns().run(Jobs.byName("ingest"), c, D1);
    assertThat(tables.readDays(curated, OptionalLong.empty(), List.of(D1)).count()).isEqualTo(2);
    assertThat(dataFiles(curated)).doesNotContainAnyElementsOf(files);
  }

  @Test
  void aRunWhoseWritesFailPublishesNothingAndLeavesNothingStaged() {
    LakemlConfig c = config();
    new TestRuns().run(Jobs.byName("ingest"), c, D1);
    LakeTables tables = LakeTables.of(spark, c.lake());
    TableId curated = c.lake().tableId(Lake.Zone.CURATED, c.dataset());
    TableId quarantine = c.lake().tableId(Lake.Zone.QUARANTINE, c.dataset());
    long before = tables.currentSnapshot(curated).getAsLong();
    List<Row> rowsBefore = tables.read(curated, OptionalLong.empty()).collectAsList();
    long quarantineSnapshots = snapshots(quarantine);

    // The quarantine is staged first; then every curated data file fails to be created.
    LakemlConfig failing =
        config("lake.catalog.properties.test.fail-data-files=curated/insurance_claims");
    assertThatThrownBy(() -> new TestRuns().run(Jobs.byName("ingest"), failing, D1))
        .hasStackTraceContaining("injected failure creating");

    LakeTables after = LakeTables.of(spark, c.lake());
    assertThat(after.currentSnapshot(curated)).hasValue(before);
    assertThat(after.read(curated, OptionalLong.empty()).collectAsList())
        .containsExactlyInAnyOrderElementsOf(rowsBefore);
    assertThat(snapshots(quarantine))
        .as("the staged quarantine was discarded")
        .isEqualTo(quarantineSnapshots);
    assertThat(after.readDays(quarantine, OptionalLong.empty(), List.of(D1)).count()).isEqualTo(2);
    assertThat(D2).isAfter(D1);
  }

  private static long snapshots(TableId table) {
    return spark.sql("SELECT * FROM " + table.sql() + ".snapshots").count();
  }
}
