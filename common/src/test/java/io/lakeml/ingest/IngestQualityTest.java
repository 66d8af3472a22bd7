package io.lakeml.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeml.io.Json;
import io.lakeml.ml.DataQualityException;
import io.lakeml.pipeline.LakemlConfig;
import io.lakeml.run.RunContext;
import io.lakeml.run.RunManifest;
import io.lakeml.testing.TestRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestQualityTest {
  @TempDir Path dir;
  private IngestFixture fx;

  @BeforeEach
  void setUp() {
    fx = new IngestFixture(dir);
  }

  private Path rows(String name, int n, boolean withNulls) throws Exception {
    String[] lines = new String[n + 1];
    lines[0] = "id,state,amount,day";
    for (int i = 1; i <= n; i++) {
      String state = withNulls && i % 2 == 0 ? "" : "OH";
      lines[i] = i + "," + state + "," + i + ",2026-01-01";
    }
    return fx.file(name, lines);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> report(LakemlConfig c, java.time.LocalDate day) throws Exception {
    return Json.readMap(Files.readString(fx.local(c.lake().qualityReport(c.dataset(), day))));
  }

  @Test
  void aFailedErrorCheckPublishesNothingAndReportsWhy() throws Exception {
    LakemlConfig c =
        fx.config(
            rows("a.csv", 10, true),
            "quality.checks=[{check=completeness, column=state, min=0.9},"
                + " {check=row-count, min=5, level=warning}, {check=unique, column=id}]");

    assertThatThrownBy(() -> fx.ingest(c, TestRuns.DAY))
        .isInstanceOf(DataQualityException.class)
        .hasMessageContaining("nothing was published, both tables are as they were")
        .hasMessageContaining("completeness(state)");

    assertThat(fx.curated(c, TestRuns.DAY).count()).as("nothing published").isZero();
    assertThat(fx.local(c.lake().qualityDay(c.dataset(), TestRuns.DAY) + "/index.html"))
        .as("no profile of a day that was not published")
        .doesNotExist();
    Map<String, Object> report = report(c, TestRuns.DAY);
    assertThat(report).containsEntry("status", "FAILED").containsEntry("rows_read", 10);
    List<Map<String, Object>> checks = (List<Map<String, Object>>) report.get("checks");
    assertThat(checks)
        .anySatisfy(
            ch ->
                assertThat(ch)
                    .containsEntry("check", "completeness(state)")
                    .containsEntry("passed", false)
                    .containsEntry("actual", 0.5))
        .anySatisfy(
            ch ->
                assertThat(ch).containsEntry("check", "unique(id)").containsEntry("passed", true));
    List<Map<String, Object>> columns = (List<Map<String, Object>>) report.get("columns");
    assertThat(columns)
        .anySatisfy(
            col -> assertThat(col).containsEntry("column", "state").containsEntry("nulls", 5))
        .anySatisfy(
            col ->
                assertThat(col)
                    .containsEntry("column", "amount")
                    .containsEntry("min", 1.0)
                    .containsEntry("max", 10.0));
  }

  @Test
  void warningsAreReportedButPublish() throws Exception {
    LakemlConfig c =
        fx.config(
            rows("a.csv", 10, false),
            "quality.checks=[{check=row-count, min=100, level=warning}, {check=mean, column=amount, min=5, max=6},"
                + " {check=allowed-values, column=state, values=[OH, IL]}, {check=quarantine-ratio, max=0.1}]");

    RunManifest m = fx.ingest(c, TestRuns.DAY);

    assertThat(fx.counts(m))
        .containsEntry("quality_warnings", 1)
        .containsEntry("rows_accepted", 10L);
    assertThat(report(c, TestRuns.DAY)).containsEntry("status", "PASSED");
    // The published day's profile page, beside its report: a panel per column.
    String page =
        Files.readString(fx.local(c.lake().qualityDay(c.dataset(), TestRuns.DAY) + "/index.html"));
    assertThat(page)
        .contains("Data profile")
        .contains("<h3>amount</h3>")
        .contains("<h3>state</h3>");
  }

  @Test
  void rowCountChangeComparesWithEarlierRunsInTheLake() throws Exception {
    String check = "quality.checks=[{check=row-count-change, max-decrease=0.5}]";
    fx.ingest(fx.config(rows("day1.csv", 20, false), check), TestRuns.DAY);
    fx.ingest(fx.config(rows("day2.csv", 18, false), check), TestRuns.DAY.plusDays(1));

    LakemlConfig collapse = fx.config(rows("day3.csv", 4, false), check);
    assertThatThrownBy(() -> fx.ingest(collapse, TestRuns.DAY.plusDays(2)))
        .isInstanceOf(DataQualityException.class)
        .hasMessageContaining("row-count-change");
    assertThat(
            fx.local(
                collapse.lake().qualityPublished(collapse.dataset(), TestRuns.DAY.plusDays(1))))
        .exists();
    assertThat(
            fx.local(
                collapse.lake().qualityPublished(collapse.dataset(), TestRuns.DAY.plusDays(2))))
        .as("a rejected day is not history")
        .doesNotExist();
  }

  /**
   * A {@code *-change} check compares with the latest earlier published day, whatever ran in
   * between: in a backfill, after a rejected day, when an older date is run again, and when days
   * arrive out of order.
   */
  @Test
  void aChangeCheckComparesWithTheLatestEarlierPublishedDay() throws Exception {
    String check = "quality.checks=[{check=row-count-change, max-decrease=0.5, max-increase=0.5}]";
    LocalDate d1 = TestRuns.DAY;
    // Backfill in order: 20, 24 (x1.2 against 20), 4 (x0.17 against 24: rejected), 22.
    fx.ingest(fx.config(rows("d1.csv", 20, false), check), d1);
    fx.ingest(fx.config(rows("d2.csv", 24, false), check), d1.plusDays(1));
    assertThatThrownBy(() -> fx.ingest(fx.config(rows("d3.csv", 4, false), check), d1.plusDays(2)))
        .hasMessageContaining("row-count-change: 4 against 24 on " + d1.plusDays(1));
    // After the rejected day, the next compares with the last published one (24), not with 4.
    fx.ingest(fx.config(rows("d4.csv", 22, false), check), d1.plusDays(3));

    // The rejected date again, corrected: compared with its own predecessor (24).
    fx.ingest(fx.config(rows("d3b.csv", 30, false), check), d1.plusDays(2));
    // An older date re-run compares with the day before it (20), not with the newest (22).
    assertThatThrownBy(
            () -> fx.ingest(fx.config(rows("d2b.csv", 40, false), check), d1.plusDays(1)))
        .hasMessageContaining("40 against 20 on " + d1);
    // Out of order: a day before every published one has nothing earlier to compare with.
    fx.ingest(fx.config(rows("d0.csv", 100, false), check), d1.minusDays(1));
    // ... and the first day now compares with it: 20 against 100 is a fall to 0.2.
    assertThatThrownBy(() -> fx.ingest(fx.config(rows("d1b.csv", 20, false), check), d1))
        .hasMessageContaining("20 against 100 on " + d1.minusDays(1));
  }

  @Test
  void rowsThatDoNotAddUpPublishNothing() throws Exception {
    LakemlConfig c = fx.config(rows("a.csv", 10, false));
    fx.ingest(c, TestRuns.DAY);
    LakemlConfig next = fx.config(rows("b.csv", 12, false));
    // A row lost between the marking of the day and the curated write, as a bug would lose it.
    IngestStep losing =
        new IngestStep(
            next.requireIngest(),
            next.quality(),
            next.lake(),
            next.dataset(),
            java.util.Optional.empty(),
            r -> r.filter("id <> 7"));
    RunContext run = fx.context(next, TestRuns.DAY);

    assertThatThrownBy(() -> losing.runIn(run))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(
            "rows do not add up: read 12 != curated 11 + quarantined 0 + duplicates 0")
        .hasMessageContaining("nothing was published");
    assertThat(fx.curated(c, TestRuns.DAY).count()).as("the day as it was").isEqualTo(10);
    assertThat(report(c, TestRuns.DAY)).containsEntry("published", false);
  }

  @Test
  void quarantineRatioCheckFailsTheRun() throws Exception {
    Path in = fx.file("a.csv", "id,state,amount,day", "1,OH,1,2026-01-01", "x,OH,1,2026-01-01");
    LakemlConfig c = fx.config(in, "quality.checks=[{check=quarantine-ratio, max=0.2}]");
    assertThatThrownBy(() -> fx.ingest(c, TestRuns.DAY))
        .hasMessageContaining(
            "quarantine-ratio: 1 of 2 rows quarantined (0.5000), expected <= 0.2");
  }
}
