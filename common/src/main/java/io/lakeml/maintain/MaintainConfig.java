package io.lakeml.maintain;

import io.lakeml.config.Settings;
import java.time.Duration;

/**
 * {@code maintain { ... }}: how {@code lakeml maintain} keeps the lake's tables in shape.
 *
 * @param expireSnapshotsOlderThan snapshots older than this are expired (beyond {@code
 *     retainLast}); a model's training snapshot is tagged and kept
 * @param retainLast snapshots every table keeps, however old
 * @param removeOrphansOlderThan files that no snapshot references are removed once this old; short
 *     values risk deleting the files of a write in progress (Iceberg advises days)
 * @param compact whether small data files are rewritten into larger ones
 * @param targetFileSizeMb the size compaction aims at
 */
public record MaintainConfig(
    Duration expireSnapshotsOlderThan,
    int retainLast,
    Duration removeOrphansOlderThan,
    boolean compact,
    int targetFileSizeMb) {
  public static MaintainConfig from(Settings s) {
    s.allowOnly(
        "expire-snapshots-older-than",
        "retain-last",
        "remove-orphans-older-than",
        "compact",
        "target-file-size-mb");
    return new MaintainConfig(
        s.duration("expire-snapshots-older-than", Duration.ZERO, Duration.ofDays(7)),
        s.integer("retain-last", 1, 100_000, 10),
        s.duration("remove-orphans-older-than", Duration.ZERO, Duration.ofDays(3)),
        s.bool("compact", true),
        s.integer("target-file-size-mb", 1, 4096, 128));
  }
}
