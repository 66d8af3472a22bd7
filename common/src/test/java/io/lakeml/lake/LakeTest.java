package io.lakeml.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class LakeTest {
  private static final LocalDate D = LocalDate.of(2026, 11, 1);

  @Test
  void zonesAndPartitionsHangOffOneRoot() {
    Lake lake = Lake.at("s3a://bucket/prefix/");
    assertThat(lake.root()).isEqualTo("s3a://bucket/prefix");
    assertThat(lake.partition(Lake.Zone.CURATED, "claims", D))
        .isEqualTo("s3a://bucket/prefix/curated/claims/run_date=2026-11-01");
    assertThat(lake.partition(Lake.Zone.QUARANTINE, "claims", D))
        .isEqualTo("s3a://bucket/prefix/quarantine/claims/run_date=2026-11-01");
    assertThat(lake.model("fraud_lr", "3")).isEqualTo("s3a://bucket/prefix/models/fraud_lr/3");
    assertThat(lake.report("fraud_lr", "3")).isEqualTo("s3a://bucket/prefix/reports/fraud_lr/3");
    assertThat(lake.runManifest("ingest", D, "r1"))
        .isEqualTo("s3a://bucket/prefix/runs/ingest/run_date=2026-11-01/r1.json");
    assertThat(lake.zone(Lake.Zone.PREDICTIONS)).isEqualTo("s3a://bucket/prefix/predictions");
  }

  @Test
  void relativePathsBecomeAbsoluteFileUris() {
    String expected = Path.of("lake").toAbsolutePath().toUri().toString().replaceAll("/$", "");
    assertThat(Lake.at("lake").root()).isEqualTo(expected);
    assertThat(Lake.at("file:lake").root()).isEqualTo(expected);
    assertThat(Lake.at("file:///tmp/x").root()).isEqualTo("file:///tmp/x");
  }

  @Test
  void namesCannotEscapeTheirZone() {
    Lake lake = Lake.at("s3a://b/p");
    assertThatThrownBy(() -> lake.table(Lake.Zone.MODELS, "../etc"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got: '../etc'");
  }
}
