package io.lakeml.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeml.config.ConfigException;
import io.lakeml.testing.SparkTestSession;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lake's Iceberg tables on a local Hadoop catalog: write-audit-publish, time travel, evolution.
 */
class LakeTablesTest {
  @TempDir Path dir;
  private final SparkSession spark = SparkTestSession.get();
  private static final LocalDate D1 = LocalDate.of(2026, 11, 1);
  private static final LocalDate D2 = D1.plusDays(1);
  private LakeTables tables;
  private TableId t;

  @BeforeEach
  void setUp() {
    Lake lake = Lake.at(dir.resolve("lake").toString());
    tables = LakeTables.of(spark, lake);
    t = lake.tableId(Lake.Zone.CURATED, "claims");
  }

  private Dataset<Row> rows(String values) {
    return spark.sql(
        "SELECT id, CAST(amount AS DOUBLE) amount FROM VALUES " + values + " AS t(id, amount)");
  }

  private StagedDay stage(String values, LocalDate day, String wap) {
    Dataset<Row> r = rows(values);
    tables.ensure(t, r.schema(), List.of());
    return tables.stage(t, r, day, wap);
  }

  private List<String> day(LocalDate d) {
    return tables
        .readDays(t, OptionalLong.empty(), List.of(d))
        .orderBy("id")
        .collectAsList()
        .stream()
        .map(Row::toString)
        .toList();
  }

  @Test
  void aStagedDayIsInvisibleUntilPublishedAndThenReplacesItsDateInOneCommit() {
    tables.publish(stage("(1, 10.0), (2, 20.0)", D1, "w1"), Map.of());
    tables.publish(stage("(9, 90.0)", D2, "w2"), Map.of("lakeml.run-date", D2.toString()));

    StagedDay again = stage("(3, 30.0)", D1, "w3");
    assertThat(again.rows()).isEqualTo(1);
    assertThat(day(D1))
        .as("staged, not published")
        .containsExactly("[1,10.0,2026-11-01]", "[2,20.0,2026-11-01]");

    long published = tables.publish(again, Map.of("lakeml.run-date", D1.toString()));
    assertThat(day(D1)).containsExactly("[3,30.0,2026-11-01]");
    assertThat(day(D2)).as("other dates untouched").containsExactly("[9,90.0,2026-11-02]");
    assertThat(tables.currentSnapshot(t)).hasValue(published);
    assertThat(tables.rowsPerDay(t, OptionalLong.empty())).isEqualTo(Map.of(D1, 1L, D2, 1L));
    assertThat(tables.summary(t, published)).containsEntry("published-wap-id", "w3");
    assertThat(tables.published(t, D1)).isTrue();
    assertThat(tables.published(t, D1.minusDays(1))).isFalse();
  }

  @Test
  void aDiscardedDayLeavesTheTableExactlyAsItWas() {
    long before = tables.publish(stage("(1, 10.0)", D1, "w1"), Map.of());
    StagedDay rejected = stage("(2, 20.0), (3, 30.0)", D1, "w2");
    tables.discard(rejected);
    assertThat(tables.currentSnapshot(t)).hasValue(before);
    assertThat(day(D1)).containsExactly("[1,10.0,2026-11-01]");
    assertThat(tables.summary(t, rejected.snapshotId())).as("dropped from the metadata").isEmpty();
  }

  @Test
  void aSnapshotReadsTheSameRowsAfterTheDateWasReplaced() {
    long first = tables.publish(stage("(1, 10.0), (2, 20.0)", D1, "w1"), Map.of());
    tables.tag(t, first, "model_m_v1");
    tables.publish(stage("(5, 50.0)", D1, "w2"), Map.of());

    assertThat(tables.readDays(t, OptionalLong.of(first), List.of(D1)).count()).isEqualTo(2);
    assertThat(day(D1)).containsExactly("[5,50.0,2026-11-01]");
    assertThat(tables.isPublished(t, first)).as("an ancestor of the current state").isTrue();

    // Expiry keeps the tagged snapshot, so the model's rows stay readable.
    tables.maintain(
        t,
        Instant.now().plusSeconds(60),
        1,
        Instant.now().minusSeconds(3600),
        OptionalLong.empty());
    assertThat(tables.readDays(t, OptionalLong.of(first), List.of(D1)).count()).isEqualTo(2);
  }

  @Test
  void concurrentRunsOfOneDateCannotBothPublish() {
    tables.publish(stage("(1, 10.0)", D1, "w1"), Map.of());
    StagedDay a = stage("(2, 20.0)", D1, "a");
    StagedDay b = stage("(3, 30.0)", D1, "b");
    tables.publish(a, Map.of());
    assertThatThrownBy(() -> tables.publish(b, Map.of())).hasMessageContaining("conflicting files");
    assertThat(day(D1)).containsExactly("[2,20.0,2026-11-01]");
  }

  @Test
  void newColumnsAreAddedAndOnlyWideningTypeChangesAreAllowed() {
    tables.publish(stage("(1, 10.0)", D1, "w1"), Map.of());
    Dataset<Row> wider =
        spark.sql(
            "SELECT id, CAST(amount AS DOUBLE) amount, note FROM VALUES (2, 20.0, 'x') AS t(id, amount, note)");
    tables.ensure(t, wider.schema(), List.of());
    tables.publish(tables.stage(t, wider, D2, "w2"), Map.of());
    assertThat(tables.read(t, OptionalLong.empty()).orderBy("id").collectAsList().toString())
        .isEqualTo("[[1,10.0,2026-11-01,null], [2,20.0,2026-11-02,x]]");

    Dataset<Row> longId =
        spark.sql(
            "SELECT CAST(id AS BIGINT) id, CAST(amount AS DOUBLE) amount FROM VALUES (3, 1.0) AS t(id, amount)");
    tables.ensure(t, longId.schema(), List.of());
    assertThat(tables.read(t, OptionalLong.empty()).schema().apply("id").dataType().simpleString())
        .isEqualTo("bigint");

    Dataset<Row> textAmount = spark.sql("SELECT id, 'ten' amount FROM VALUES (4) AS t(id)");
    assertThatThrownBy(() -> tables.ensure(t, textAmount.schema(), List.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "column 'amount' is double in the table and string in the configuration");
  }

  @Test
  void tableNamesAsManifestsRecordThemNameTheirTable() {
    Lake lake = Lake.at(dir.resolve("lake").toString());
    assertThat(lake.tableIdOf("lake.quarantine.claims"))
        .isEqualTo(lake.tableId(Lake.Zone.QUARANTINE, "claims"));
    assertThat(t.toString()).isEqualTo("lake.curated.claims");
    assertThat(t.sql()).isEqualTo("lake.`curated`.`claims`");
    assertThatThrownBy(() -> lake.tableIdOf("other.curated.claims"))
        .hasMessageContaining("not a lake table");
  }
}
