package io.lakeml.lake;

import java.time.LocalDate;
import java.util.OptionalLong;

/**
 * One run date's rows written to a table as an unpublished snapshot (write-audit-publish): readers
 * of the table do not see it until {@link LakeTables#publish} makes it current, and {@link
 * LakeTables#discard} removes it with its files.
 *
 * @param snapshotId the staged snapshot
 * @param parentId the table's current snapshot when the rows were staged (absent on a new table)
 * @param rows the rows written, from the snapshot's summary
 * @param wapId the write-audit-publish id that names the staged write
 */
public record StagedDay(
    TableId table,
    LocalDate runDate,
    long snapshotId,
    OptionalLong parentId,
    long rows,
    String wapId) {}
