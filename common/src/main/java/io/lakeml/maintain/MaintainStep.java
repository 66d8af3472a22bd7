package io.lakeml.maintain;

import io.lakeml.lake.Lake;
import io.lakeml.lake.LakeTables;
import io.lakeml.lake.TableId;
import io.lakeml.run.RunContext;
import io.lakeml.run.Step;
import io.lakeml.run.StepAction;
import io.lakeml.run.StepRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * {@code maintain}: for every table of the lake, expires old snapshots (keeping the tagged ones a
 * registered model trained on, and the newest few), removes the files no snapshot references that
 * killed or failed runs left behind, and compacts small data files. Tables only: models, reports
 * and run manifests are the registry's and the audit trail, and are never deleted.
 */
public final class MaintainStep implements StepAction<List<LakeTables.Maintained>> {
  private final MaintainConfig m;
  private final Lake lake;

  public MaintainStep(MaintainConfig m, Lake lake) {
    this.m = m;
    this.lake = lake;
  }

  @Override
  public Step step() {
    return Step.MAINTAIN;
  }

  @Override
  public List<String> plan(LocalDate runDate) {
    return List.of(
        String.format(
            "maintain every table of %s: expire snapshots older than %s beyond the newest %d"
                + " (model training snapshots are tagged and kept), remove unreferenced files"
                + " older than %s%s",
            lake,
            m.expireSnapshotsOlderThan(),
            m.retainLast(),
            m.removeOrphansOlderThan(),
            m.compact() ? ", compact small files to ~" + m.targetFileSizeMb() + " MB" : ""));
  }

  @Override
  public List<LakeTables.Maintained> run(RunContext run, StepRecord step) {
    LakeTables tables = run.tables();
    Instant now = Instant.now();
    List<LakeTables.Maintained> done = new ArrayList<>();
    for (TableId table : tables.all()) {
      LakeTables.Maintained t =
          tables.maintain(
              table,
              now.minus(m.expireSnapshotsOlderThan()),
              m.retainLast(),
              now.minus(m.removeOrphansOlderThan()),
              m.compact()
                  ? OptionalLong.of(m.targetFileSizeMb() * 1024L * 1024L)
                  : OptionalLong.empty());
      done.add(t);
      String name = table.shortName();
      step.count(name + ".snapshots_expired", t.expiredSnapshots())
          .count(name + ".orphan_files_removed", t.orphansRemoved())
          .count(name + ".files_compacted", t.rewrittenFiles());
      run.console()
          .info(
              "maintain  %s: %d snapshots expired (%d data files deleted), %d orphan files"
                  + " removed, %d files compacted into %d",
              name,
              t.expiredSnapshots(),
              t.deletedFiles(),
              t.orphansRemoved(),
              t.rewrittenFiles(),
              t.addedFiles());
    }
    step.count("tables", done.size());
    return done;
  }
}
