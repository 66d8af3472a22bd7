package io.lakeml.ingest;

import io.lakeml.lake.Lake;
import io.lakeml.lake.LakeTables;
import io.lakeml.pipeline.Jobs;
import io.lakeml.pipeline.LakemlConfig;
import io.lakeml.run.RunContext;
import io.lakeml.run.RunManifest;
import io.lakeml.testing.SparkTestSession;
import io.lakeml.testing.TestConfigs;
import io.lakeml.testing.TestRuns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** A small lake and a CSV file per test, ingested with the real job. */
final class IngestFixture {
  static final String SCHEMA =
      "ingest.schema=[{name=id, type=long, nullable=false}, {name=state, type=string},"
          + " {name=amount, type=double}, {name=day, type=date, format=\"yyyy-MM-dd\"}]";

  private final Path dir;

  IngestFixture(Path dir) {
    this.dir = dir;
  }

  Path file(String name, String... lines) throws IOException {
    Path f = dir.resolve("in").resolve(name);
    Files.createDirectories(f.getParent());
    Files.writeString(f, String.join("\n", lines) + "\n");
    return f;
  }

  LakemlConfig config(Path input, String... sets) {
    List<String> all = new ArrayList<>();
    all.add("lake.root=" + dir.resolve("lake").toUri());
    all.add("ingest.source.path=" + input.toUri());
    all.add(SCHEMA);
    all.addAll(List.of(sets));
    return TestConfigs.load(null, all.toArray(String[]::new));
  }

  RunManifest ingest(LakemlConfig config, LocalDate day) {
    return new TestRuns().run(Jobs.byName("ingest"), config, day);
  }

  /** A run context of the job's kind, for calling a step directly. */
  RunContext context(LakemlConfig config, LocalDate day) {
    RunManifest manifest =
        new RunManifest("ingest", "test-" + day, day, "test", List.of(), java.time.Instant.now());
    return new RunContext(
        SparkTestSession.get(),
        config.lake(),
        day,
        manifest,
        new io.lakeml.run.Console(System.out));
  }

  Map<String, Object> counts(RunManifest m) {
    return m.steps().get(0).counts();
  }

  Dataset<Row> curated(LakemlConfig config, LocalDate day) {
    return day(config, Lake.Zone.CURATED, day);
  }

  Dataset<Row> quarantine(LakemlConfig config, LocalDate day) {
    return day(config, Lake.Zone.QUARANTINE, day);
  }

  /** A run date's published rows of a lake table, without the run_date column. */
  static Dataset<Row> day(LakemlConfig config, Lake.Zone zone, LocalDate day) {
    return LakeTables.of(SparkTestSession.get(), config.lake())
        .readDays(config.lake().tableId(zone, config.dataset()), OptionalLong.empty(), List.of(day))
        .drop(LakeTables.RUN_DATE);
  }

  Path local(String uri) {
    return Path.of(java.net.URI.create(uri));
  }
}
