package io.lakeml.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeml.lake.Lake;
import io.lakeml.lake.LakeTables;
import io.lakeml.lake.TableId;
import io.lakeml.ml.DataQualityException;
import io.lakeml.pipeline.LakemlConfig;
import io.lakeml.testing.SparkTestSession;
import io.lakeml.testing.TestRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestPartitionsTest {
  @TempDir Path dir;
  private IngestFixture fx;
  private static final LocalDate D1 = TestRuns.DAY;
  private static final LocalDate D2 = TestRuns.DAY.plusDays(1);

  @BeforeEach
  void setUp() {
    fx = new IngestFixture(dir);
  }

  @Test
  void rerunReplacesExactlyThatDateAndOtherDatesStay() throws Exception {
    LakemlConfig three =
        fx.config(
            fx.file(
                "a.csv",
                "id,state,amount,day",
                "1,OH,1,2026-01-01",
                "2,OH,2,2026-01-01",
                "3,OH,3,2026-01-01"));
    LakemlConfig one = fx.config(fx.file("b.csv", "id,state,amount,day", "9,IL,9,2026-01-02"));

    fx.ingest(three, D1);
    fx.ingest(one, D2);
    fx.ingest(three, D1); // the same date again: identical result, not appended
    assertThat(fx.curated(three, D1).count()).isEqualTo(3);
    assertThat(fx.curated(one, D2).count()).isEqualTo(1);

    fx.ingest(one, D1); // a corrected delivery for D1 replaces it
    assertThat(fx.curated(one, D1).collectAsList().toString()).isEqualTo("[[9,IL,9.0,2026-01-02]]");
    assertThat(fx.curated(one, D2).count()).isEqualTo(1);
    // One table holds both dates; each re-run replaced its date in one commit.
    LakeTables tables = LakeTables.of(SparkTestSession.get(), three.lake());
    TableId curated = three.lake().tableId(Lake.Zone.CURATED, three.dataset());
    assertThat(tables.rowsPerDay(curated, OptionalLong.empty())).isEqualTo(Map.of(D1, 1L, D2, 1L));
    assertThat(
            SparkTestSession.get()
                .sql("SELECT operation FROM " + curated.sql() + ".snapshots ORDER BY committed_at")
                .collectAsList()
                .stream()
                .map(r -> r.getString(0))
                .toList())
        .as("published: an overwrite of one date each")
        .containsOnly("overwrite");
  }

  @Test
  void anEmptyDeliveryNeverWipesAPartition() throws Exception {
    LakemlConfig full = fx.config(fx.file("a.csv", "id,state,amount,day", "1,OH,1,2026-01-01"));
    LakemlConfig empty = fx.config(fx.file("e.csv", "id,state,amount,day"));
    fx.ingest(full, D1);

    assertThatThrownBy(() -> fx.ingest(empty, D1))
        .isInstanceOf(DataQualityException.class)
        .hasMessageContaining("nothing was published, both tables are as they were")
        .hasMessageContaining("the input has no rows");
    assertThat(fx.curated(full, D1).count()).isEqualTo(1);

    LakemlConfig allowed =
        fx.config(fx.file("e2.csv", "id,state,amount,day"), "ingest.allow-empty=true");
    fx.ingest(allowed, D2);
    assertThat(fx.curated(allowed, D2).count()).isZero();
    // Allowed, an empty delivery is a day with no rows: it replaces the date like any other.
    fx.ingest(allowed, D1);
    assertThat(fx.curated(allowed, D1).count()).isZero();
  }

  @Test
  void aDayWhoseEveryRowIsQuarantinedPublishesNothingUnlessAllowed() throws Exception {
    LakemlConfig full = fx.config(fx.file("a.csv", "id,state,amount,day", "1,OH,1,2026-01-01"));
    fx.ingest(full, D1);
    LakemlConfig garbage = fx.config(fx.file("g.csv", "id,state,amount,day", "x,OH,1,2026-01-01"));

    assertThatThrownBy(() -> fx.ingest(garbage, D1))
        .isInstanceOf(DataQualityException.class)
        .hasMessageContaining("every one of the 1 rows read was quarantined");
    assertThat(fx.curated(full, D1).count()).isEqualTo(1);
    assertThat(fx.quarantine(full, D1).count()).as("the rejects are not published either").isZero();

    LakemlConfig allowed =
        fx.config(
            fx.file("g2.csv", "id,state,amount,day", "x,OH,1,2026-01-01"),
            "ingest.allow-empty=true");
    fx.ingest(allowed, D1);
    assertThat(fx.curated(allowed, D1).count()).isZero();
    assertThat(fx.quarantine(allowed, D1).count()).isEqualTo(1);
  }

  @Test
  void extraPartitionColumnsNestUnderTheRunDate() throws Exception {
    LakemlConfig c =
        fx.config(
            fx.file("a.csv", "id,state,amount,day", "1,OH,1,2026-01-01", "2,IL,2,2026-01-01"),
            "ingest.partition-by=[state]");
    fx.ingest(c, D1);
    TableId curated = c.lake().tableId(Lake.Zone.CURATED, c.dataset());
    Path data = fx.local(curated.location()).resolve("data").resolve("run_date=" + D1);
    assertThat(data.resolve("state=OH")).isDirectory();
    assertThat(data.resolve("state=IL")).isDirectory();
    assertThat(Files.exists(data.resolve("state=XX"))).isFalse();
    assertThat(fx.curated(c, D1).count()).isEqualTo(2);
  }

  @Test
  void parquetAndJsonSourcesGoThroughTheSameValidation() throws Exception {
    Path parquet = dir.resolve("in-parquet");
    SparkTestSession.get()
        .sql(
            "SELECT * FROM VALUES (1L, 'OH', 1.5D, '2026-01-01'), (2L, 'IL', -1D, 'not a date')"
                + " AS t(id, state, amount, day)")
        .write()
        .parquet(parquet.toString());
    LakemlConfig c = fx.config(parquet, "ingest.source.format=parquet");
    assertThat(fx.counts(fx.ingest(c, D1)))
        .containsEntry("rows_accepted", 1L)
        .containsEntry("rejected.type:day", 1L);

    Path json =
        fx.file(
            "a.jsonl", "{\"id\": 7, \"state\": \"IN\", \"amount\": 2, \"day\": \"2026-01-02\"}");
    LakemlConfig j = fx.config(json, "ingest.source.format=json");
    fx.ingest(j, D2);
    assertThat(fx.curated(j, D2).collectAsList().toString()).isEqualTo("[[7,IN,2.0,2026-01-02]]");
  }
}
