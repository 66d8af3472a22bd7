package io.lakeml.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeml.io.CommittedData;
import io.lakeml.io.Json;
import io.lakeml.io.LakeFiles;
import io.lakeml.lake.Lake;
import io.lakeml.ml.DataQualityException;
import io.lakeml.pipeline.Jobs;
import io.lakeml.pipeline.LakemlConfig;
import io.lakeml.run.RunManifest;
import io.lakeml.testing.FailingCommitProtocol;
import io.lakeml.testing.S3ProxyServer;
import io.lakeml.testing.SparkTestSession;
import io.lakeml.testing.TestConfigs;
import io.lakeml.testing.TestRuns;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingest end to end through {@code s3a://} against a real S3-compatible server, with the S3A magic
 * committer: curated output, quarantine, manifest, the committer's {@code _SUCCESS} manifest, a
 * re-run of the same date, and a run that fails at job commit.
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
    spark.conf().unset("spark.sql.sources.commitProtocolClass");
    s3.close();
  }

  private static LakemlConfig config(String... sets) {
    String[] all = new String[sets.length + 3];
    all[0] = "lake.root=" + LAKE;
    all[1] = "ingest.source.path=" + RAW;
    all[2] =
        "ingest.schema=[{name=id, type=long, nullable=false}, {name=state, type=string, allowed=[OH, IL]},"
            + " {name=amount, type=double}, {name=day, type=date, format=\"yyyy-MM-dd\"}]";
    System.arraycopy(sets, 0, all, 3, sets.length);
    return TestConfigs.load(null, all);
  }

  @SuppressWarnings("unchecked")
  private static List<String> committedFiles(String partition) {
    Map<String, Object> success =
        Json.readMap(LakeFiles.of(spark).readString(partition + "/_SUCCESS"));
    assertThat(success).containsEntry("committer", "magic");
    return (List<String>) success.get("filenames");
  }

  @Test
  void ingestThroughS3aWithTheMagicCommitter() {
    LakemlConfig c = config();
    RunManifest m = new TestRuns().run(Jobs.byName("ingest"), c, D1);

    assertThat(m.steps().get(0).counts())
        .containsEntry("rows_read", 5L)
        .containsEntry("rows_accepted", 2L)
        .containsEntry("rows_quarantined", 2L)
        .containsEntry("duplicates_dropped", 1L);
    String curated = c.lake().partition(Lake.Zone.CURATED, c.dataset(), D1);
    assertThat(curated).startsWith("s3a://lakeml/lake/curated/");
    assertThat(CommittedData.parquet(spark, curated).count()).isEqualTo(2);
    List<String> files = committedFiles(curated);
    assertThat(files)
        .isNotEmpty()
        .allMatch(f -> f.contains("/lake/curated/") && f.endsWith(".parquet"));
    assertThat(committedFiles(c.lake().partition(Lake.Zone.QUARANTINE, c.dataset(), D1)))
        .isNotEmpty();
    assertThat(LakeFiles.of(spark).exists(c.lake().runManifest("ingest", D1, m.runId()))).isTrue();
    assertThat(LakeFiles.of(spark).exists(c.lake().qualityReport(c.dataset(), D1))).isTrue();

    // The same date again: the partition is replaced, not appended to.
    new TestRuns().run(Jobs.byName("ingest"), c, D1);
    assertThat(CommittedData.parquet(spark, curated).count()).isEqualTo(2);
    assertThat(committedFiles(curated)).doesNotContainAnyElementsOf(files);
  }

  @Test
  void aRunThatFailsAtJobCommitLeavesNoOutputAndEarlierDatesUntouched() {
    LakemlConfig c = config();
    new TestRuns().run(Jobs.byName("ingest"), c, D1);
    String d1 = c.lake().partition(Lake.Zone.CURATED, c.dataset(), D1);
    List<String> before = committedFiles(d1);

    spark
        .conf()
        .set("spark.sql.sources.commitProtocolClass", FailingCommitProtocol.class.getName());
    try {
      assertThatThrownBy(() -> new TestRuns().run(Jobs.byName("ingest"), c, D2))
          .hasStackTraceContaining("injected failure at job commit");
    } finally {
      spark
          .conf()
          .set(
              "spark.sql.sources.commitProtocolClass",
              "org.apache.spark.internal.io.cloud.PathOutputCommitProtocol");
    }

    String d2 = c.lake().partition(Lake.Zone.CURATED, c.dataset(), D2);
    assertThat(LakeFiles.of(spark).exists(d2 + "/_SUCCESS")).isFalse();
    assertThatThrownBy(() -> CommittedData.parquet(spark, d2))
        .isInstanceOf(DataQualityException.class)
        .hasMessageContaining("is not a complete dataset");
    // With the magic committer, uncommitted task output was never made visible.
    assertThat(LakeFiles.of(spark).files(d2, ".parquet")).isEmpty();
    assertThat(committedFiles(d1)).isEqualTo(before);
    assertThat(CommittedData.parquet(spark, d1).count()).isEqualTo(2);
  }
}
