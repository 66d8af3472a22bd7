package io.lakeml.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeml.config.ConfigException;
import io.lakeml.ml.DataQualityException;
import io.lakeml.pipeline.LakemlConfig;
import io.lakeml.run.RunManifest;
import io.lakeml.testing.TestRuns;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestRulesTest {
  @TempDir Path dir;
  private IngestFixture fx;

  @BeforeEach
  void setUp() {
    fx = new IngestFixture(dir);
  }

  private static List<String> reasons(Row r) {
    return r.getList(r.fieldIndex("_reasons"));
  }

  @Test
  void regexAndSqlRulesQuarantineWithTheirNames() throws Exception {
    Path in =
        fx.file(
            "a.csv",
            "id,state,amount,day",
            "1,OH,10,2026-01-01",
            "2,ohio,10,2026-01-01",
            "3,IL,-4,2026-01-01",
            "4,IN,,2026-01-01");
    LakemlConfig c =
        fx.config(
            in,
            "ingest.schema=[{name=id, type=long}, {name=state, type=string, pattern=\"^[A-Z]{2}$\"},"
                + " {name=amount, type=double}, {name=day, type=date, format=\"yyyy-MM-dd\"}]",
            "ingest.rules=[{name=amount_not_negative, expr=\"amount >= 0\"}]");

    RunManifest m = fx.ingest(c, TestRuns.DAY);

    assertThat(fx.counts(m))
        .containsEntry("rows_accepted", 2L)
        .containsEntry("rejected.pattern:state", 1L)
        .containsEntry("rejected.rule:amount_not_negative", 1L);
    Row ohio = fx.quarantine(c, TestRuns.DAY).filter("id = '2'").first();
    assertThat(reasons(ohio)).containsExactly("pattern:state: 'ohio' does not match ^[A-Z]{2}$");
    Row negative = fx.quarantine(c, TestRuns.DAY).filter("id = '3'").first();
    assertThat(reasons(negative)).containsExactly("rule:amount_not_negative: amount >= 0");
  }

  @Test
  void aRuleThatIsNotSqlIsAConfigError() throws Exception {
    Path in = fx.file("a.csv", "id,state,amount,day", "1,OH,10,2026-01-01");
    assertThatThrownBy(() -> fx.config(in, "ingest.rules=[{name=r, expr=\"amount >=\"}]"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "ingest.rules[0].expr: expected a SQL boolean expression, got: 'amount >='");
  }

  @Test
  void deduplicateByKeyKeepsTheLatest() throws Exception {
    Path in =
        fx.file(
            "a.csv",
            "id,state,amount,day",
            "1,OH,10,2026-01-01",
            "1,OH,11,2026-01-03",
            "1,OH,12,2026-01-02",
            "2,IL,20,2026-01-01");
    LakemlConfig c = fx.config(in, "ingest.deduplicate={key=[id], keep-latest-by=day}");

    RunManifest m = fx.ingest(c, TestRuns.DAY);

    assertThat(fx.counts(m))
        .containsEntry("rows_accepted", 2L)
        .containsEntry("duplicates_dropped", 2L);
    assertThat(fx.curated(c, TestRuns.DAY).filter("id = 1").first().getDouble(2)).isEqualTo(11.0);
  }

  @Test
  void outliersAreQuarantinedFlaggedOrClipped() throws Exception {
    String[] lines = new String[22];
    lines[0] = "id,state,amount,day";
    for (int i = 1; i <= 20; i++) {
      lines[i] = i + ",OH," + (100 + i) + ",2026-01-01";
    }
    lines[21] = "21,OH,100000,2026-01-01";
    Path in = fx.file("a.csv", lines);

    LakemlConfig iqr =
        fx.config(in, "ingest.outliers=[{column=amount, method=iqr, action=quarantine}]");
    assertThat(fx.counts(fx.ingest(iqr, TestRuns.DAY)))
        .containsEntry("rejected.outlier:amount", 1L);
    assertThat(reasons(fx.quarantine(iqr, TestRuns.DAY).first()).get(0))
        .startsWith("outlier:amount: 100000.0 outside [")
        .endsWith("(iqr)");

    LakemlConfig flag =
        fx.config(in, "ingest.outliers=[{column=amount, method=zscore, z=3, action=flag}]");
    fx.ingest(flag, TestRuns.DAY.plusDays(1));
    assertThat(fx.curated(flag, TestRuns.DAY.plusDays(1)).filter("amount_outlier").count())
        .isEqualTo(1);
    assertThat(fx.curated(flag, TestRuns.DAY.plusDays(1)).count()).isEqualTo(21);

    LakemlConfig clip =
        fx.config(in, "ingest.outliers=[{column=amount, method=bounds, max=500, action=clip}]");
    fx.ingest(clip, TestRuns.DAY.plusDays(2));
    assertThat(fx.curated(clip, TestRuns.DAY.plusDays(2)).filter("id = 21").first().getDouble(2))
        .isEqualTo(500.0);
  }

  @Test
  void flagStatisticsCountARepeatedRowOnce() throws Exception {
    // Ten copies of one large claim: counted ten times it would be the upper quartile and no
    // outlier; once deduplicated it is one row in 21 and far outside.
    String[] lines = new String[31];
    lines[0] = "id,state,amount,day";
    for (int i = 1; i <= 20; i++) {
      lines[i] = i + ",OH," + (100 + i) + ",2026-01-01";
    }
    for (int i = 21; i <= 30; i++) {
      lines[i] = "21,OH,100000,2026-01-01";
    }
    Path in = fx.file("a.csv", lines);
    LakemlConfig flag =
        fx.config(in, "ingest.outliers=[{column=amount, method=iqr, k=1.5, action=flag}]");
    assertThat(fx.counts(fx.ingest(flag, TestRuns.DAY)))
        .containsEntry("rows_accepted", 21L)
        .containsEntry("duplicates_dropped", 9L);
    assertThat(fx.curated(flag, TestRuns.DAY).filter("amount_outlier").collectAsList().toString())
        .contains("100000");
    assertThat(fx.curated(flag, TestRuns.DAY).filter("amount_outlier").count()).isEqualTo(1);
  }

  @Test
  void headerPolicyRenamesIgnoresExtrasAndMatchesByName() throws Exception {
    Path in = fx.file("a.csv", "Amount,Policy Id,state,day,comment", "10,1,OH,2026-01-01,hello");

    LakemlConfig strict = fx.config(in, "ingest.header.rename={\"Policy Id\"=id, Amount=amount}");
    assertThatThrownBy(() -> fx.ingest(strict, TestRuns.DAY))
        .isInstanceOf(DataQualityException.class)
        .hasMessageContaining("undeclared columns [comment]");

    LakemlConfig lenient =
        fx.config(
            in,
            "ingest.header={rename={\"Policy Id\"=id, Amount=amount}, extra-columns=ignore, order=any}");
    fx.ingest(lenient, TestRuns.DAY);
    assertThat(fx.curated(lenient, TestRuns.DAY).collectAsList().toString())
        .isEqualTo("[[1,OH,10.0,2026-01-01]]");
  }

  @Test
  void everyFilesHeaderIsCheckedNotOnlyTheFirst() throws Exception {
    fx.file("1.csv", "id,state,amount,day", "1,OH,10,2026-01-01");
    fx.file("2.csv", "id,amount,state,day", "2,20,IL,2026-01-01");
    // Each header alone is acceptable by name; Spark checks every file against the first.
    LakemlConfig c = fx.config(dir.resolve("in"), "ingest.header.order=any");

    assertThatThrownBy(() -> fx.ingest(c, TestRuns.DAY))
        .isInstanceOf(DataQualityException.class)
        .hasMessageContaining("a file's header differs from the first file's")
        .hasMessageContaining("CSV file: file:");
  }
}
