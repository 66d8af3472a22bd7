package io.lakeml.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code lakeml sql}: the queries of docs/lake.md against a lake that ingested two days. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqlCommandTest {
  @TempDir static Path dir;
  private String[] lake;

  @BeforeAll
  void twoDays() throws Exception {
    Path in = dir.resolve("in.csv");
    Files.writeString(in, "id,state,amount\n1,OH,1\n2,IL,x\n3,OH,3\n4,,4\n");
    lake =
        new String[] {
          "--set", "lake.root=" + dir.resolve("lake").toUri(),
          "--set", "ingest.source.path=" + in.toUri(),
          "--set",
              "ingest.schema=[{name=id, type=long}, {name=state, type=string, nullable=false},"
                  + " {name=amount, type=double}]"
        };
    for (String day : new String[] {"2026-11-01", "2026-11-02"}) {
      assertThat(new TestLauncher().run("ingest", with("--run-date", day))).isEqualTo(ExitCode.OK);
    }
  }

  private String[] with(String... args) {
    String[] all = new String[lake.length + args.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(lake, 0, all, args.length, lake.length);
    return all;
  }

  @Test
  void aDaysQuarantineReasonsAsATable() {
    TestLauncher l = new TestLauncher();
    ExitCode code =
        l.run(
            "sql",
            with(
                "SELECT reason, count(*) AS n FROM quarantine.insurance_claims"
                    + " LATERAL VIEW explode(_reasons) r AS reason"
                    + " WHERE run_date = DATE'2026-11-01' GROUP BY reason ORDER BY reason"));
    assertThat(code).isEqualTo(ExitCode.OK);
    assertThat(l.stdout())
        .contains(
            String.join(
                "\n",
                "reason                          n",
                "------------------------------  -",
                "required:state: value missing   1",
                "type:amount: not a double: 'x'  1",
                "(2 rows)"));
  }

  @Test
  void aTablesHistoryAsCsvAndRowsAsJson() {
    TestLauncher csv = new TestLauncher();
    assertThat(
            csv.run(
                "sql",
                with(
                    "SELECT operation, summary['lakeml.run-date'] AS run_date"
                        + " FROM curated.insurance_claims.snapshots"
                        + " WHERE summary['published-wap-id'] IS NOT NULL ORDER BY committed_at",
                    "--format",
                    "csv")))
        .isEqualTo(ExitCode.OK);
    assertThat(csv.stdout())
        .contains("operation,run_date\noverwrite,2026-11-01\noverwrite,2026-11-02\n");

    TestLauncher json = new TestLauncher();
    assertThat(
            json.run(
                "sql",
                with(
                    "SELECT id, run_date FROM curated.insurance_claims WHERE id = 1 ORDER BY run_date",
                    "--format",
                    "json")))
        .isEqualTo(ExitCode.OK);
    assertThat(json.stdout())
        .contains("{\"id\":1,\"run_date\":\"2026-11-01\"}\n{\"id\":1,\"run_date\":\"2026-11-02\"}");
  }

  @Test
  void aTableThatDoesNotExistIsAUsageErrorNamingIt() {
    TestLauncher l = new TestLauncher();
    assertThat(l.run("sql", with("SELECT * FROM curated.nope"))).isEqualTo(ExitCode.CONFIG_ERROR);
    assertThat(l.stderr()).contains("lakeml sql:").contains("nope");
  }
}
