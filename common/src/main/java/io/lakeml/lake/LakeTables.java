package io.lakeml.lake;

import io.lakeml.config.ConfigException;
import io.lakeml.sql.Identifiers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.OverwriteFiles;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.util.SnapshotUtil;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.DataFrameWriterV2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The lake's Apache Iceberg tables in one session, and the one place that speaks Iceberg's API:
 * creating and evolving a table, staging a run date's rows as an unpublished snapshot
 * (write-audit-publish), publishing it as one commit that replaces that date, discarding it,
 * reading a table as of a snapshot, and the numbers Iceberg keeps in its metadata (rows per date,
 * per-column counts and bounds) so nobody re-reads data to count it.
 *
 * <p>Every table is partitioned by {@value #RUN_DATE}, format v2, with write-audit-publish enabled.
 * A run date is replaced by an overwrite whose filter is {@code run_date = D}: the date's old files
 * are dropped and the new ones added in one snapshot, whether the new day has fewer partitions,
 * more, or none.
 */
public final class LakeTables {
  /** The partition column of every lake table. */
  public static final String RUN_DATE = RunDatePartition.COLUMN;

  private static final String WAP_ID = "spark.wap.id";
  private static final String STAGED_WAP_ID = "wap.id";
  private static final String PUBLISHED_WAP_ID = "published-wap-id";
  private static final Map<String, String> PROPERTIES =
      Map.of(
          "format-version", "2",
          "write.wap.enabled", "true",
          // A run writes one date: its tasks' rows need no shuffle by partition before writing,
          // and a task that meets several partitions (ingest.partition-by) keeps a file open each.
          "write.distribution-mode", "none",
          "write.spark.fanout.enabled", "true",
          "write.metadata.metrics.max-inferred-column-defaults", "1000");

  private final SparkSession spark;
  private final Lake lake;

  private LakeTables(SparkSession spark, Lake lake) {
    this.spark = spark;
    this.lake = lake;
  }

  /** The lake's tables in {@code spark}, registering the lake's catalog there first. */
  public static LakeTables of(SparkSession spark, Lake lake) {
    bind(spark, lake);
    return new LakeTables(spark, lake);
  }

  /**
   * Registers the lake's catalog as {@value LakeCatalog#NAME} in the session. A session already
   * bound to another lake (tests run many lakes in one session) drops the catalogs it loaded, as
   * Spark keeps a catalog instance once loaded.
   */
  static synchronized void bind(SparkSession spark, Lake lake) {
    Map<String, String> wanted = lake.catalog().sparkConf(lake.root());
    String prefix = "spark.sql.catalog." + LakeCatalog.NAME;
    Map<String, String> current = new HashMap<>();
    spark.conf().getAll().foreach(kv -> current.put(kv._1(), kv._2()));
    current.keySet().removeIf(k -> !k.equals(prefix) && !k.startsWith(prefix + "."));
    if (current.equals(wanted)) {
      return;
    }
    current.keySet().forEach(k -> spark.conf().unset(k));
    wanted.forEach((k, v) -> spark.conf().set(k, v));
    // Spark's CatalogManager caches the catalog it loaded for a name until it is reset.
    spark.sessionState().catalogManager().reset();
  }

  public Lake lake() {
    return lake;
  }

  /** Whether the table exists in the catalog. */
  public boolean exists(TableId id) {
    return find(id).isPresent();
  }

  /**
   * Creates the table if it does not exist, else adds the columns it lacks (null on earlier dates).
   * A change Iceberg cannot make (a column that changes type, other than widening int to long or
   * float to double) fails before anything is written, naming the column.
   *
   * @param columns the columns besides {@value #RUN_DATE}
   * @param partitionBy columns that partition each date further
   */
  public void ensure(TableId id, StructType columns, List<String> partitionBy) {
    spark.sql(
        "CREATE NAMESPACE IF NOT EXISTS "
            + LakeCatalog.NAME
            + "."
            + Identifiers.quote(id.namespace()));
    Optional<Table> existing = find(id);
    if (existing.isEmpty()) {
      create(id, columns, partitionBy);
    } else {
      checkLocation(id, existing.get());
      evolve(id, existing.get(), columns);
    }
  }

  /**
   * A catalog holds one lake's tables: a table of the same name elsewhere belongs to another lake,
   * and writing to it would change that lake.
   */
  private static void checkLocation(TableId id, Table table) {
    String at = table.location().replaceAll("/+$", "");
    if (!sameLocation(at, id.location())) {
      throw new ConfigException(
          String.format(
              "%s in the lake's catalog is at %s, not under this lake (%s): one catalog holds one"
                  + " lake's tables; give this lake a catalog of its own (lake.catalog.uri)",
              id.shortName(), at, id.location()));
    }
  }

  /** Equal locations, {@code file:/x} and {@code file:///x} being the same. */
  private static boolean sameLocation(String a, String b) {
    return a.replaceFirst("^file:/+", "file:/").equals(b.replaceFirst("^file:/+", "file:/"));
  }

  private void create(TableId id, StructType columns, List<String> partitionBy) {
    List<String> parts = new ArrayList<>();
    parts.add(RUN_DATE);
    partitionBy.forEach(c -> parts.add(Identifiers.quote(c)));
    StringBuilder props = new StringBuilder();
    new java.util.TreeMap<>(PROPERTIES)
        .forEach(
            (k, v) ->
                props
                    .append(props.length() == 0 ? "" : ", ")
                    .append(sqlString(k))
                    .append(" = ")
                    .append(sqlString(v)));
    spark.sql(
        "CREATE TABLE IF NOT EXISTS "
            + id.sql()
            + " ("
            + columns.add(RUN_DATE, DataTypes.DateType).toDDL()
            + ") USING iceberg PARTITIONED BY ("
            + String.join(", ", parts)
            + ")"
            + (lake.catalog().type().takesLocation() ? " LOCATION " + sqlString(id.location()) : "")
            + " TBLPROPERTIES ("
            + props
            + ")");
  }

  private void evolve(TableId id, Table table, StructType columns) {
    StructType existing = read(id, OptionalLong.empty()).schema();
    List<String> added = new ArrayList<>();
    for (StructField f : columns.fields()) {
      Optional<StructField> old =
          List.of(existing.fields()).stream().filter(e -> e.name().equals(f.name())).findFirst();
      if (old.isEmpty()) {
        added.add(Identifiers.quote(f.name()) + " " + f.dataType().sql());
      } else if (!old.get().dataType().sameType(f.dataType())
          && !holds(old.get().dataType(), f.dataType())) {
        widen(id, old.get(), f);
      }
    }
    if (!added.isEmpty()) {
      spark.sql("ALTER TABLE " + id.sql() + " ADD COLUMNS (" + String.join(", ", added) + ")");
    }
  }

  /** Whether a column of type {@code table} takes values of type {@code rows} without loss. */
  private static boolean holds(DataType table, DataType rows) {
    return (table.equals(DataTypes.LongType) && rows.equals(DataTypes.IntegerType))
        || (table.equals(DataTypes.DoubleType) && rows.equals(DataTypes.FloatType));
  }

  private void widen(TableId id, StructField old, StructField now) {
    DataType from = old.dataType();
    DataType to = now.dataType();
    boolean widening =
        (from.equals(DataTypes.IntegerType) && to.equals(DataTypes.LongType))
            || (from.equals(DataTypes.FloatType) && to.equals(DataTypes.DoubleType));
    if (!widening) {
      throw new ConfigException(
          String.format(
              "%s: column '%s' is %s in the table and %s in the configuration; Iceberg can widen"
                  + " int to long and float to double only: declare it as %s again, or write to"
                  + " a new dataset",
              id.shortName(),
              now.name(),
              from.simpleString(),
              to.simpleString(),
              from.simpleString()));
    }
    spark.sql(
        "ALTER TABLE "
            + id.sql()
            + " ALTER COLUMN "
            + Identifiers.quote(now.name())
            + " TYPE "
            + to.sql());
  }

  /**
   * Writes {@code rows} as the run date's new content of the table, as a snapshot that readers do
   * not see until it is published. Columns the table has and the rows lack are written as null.
   *
   * @param wapId names the staged write; unique per run and table
   */
  public StagedDay stage(TableId id, Dataset<Row> rows, LocalDate runDate, String wapId) {
    Dataset<Row> aligned = aligned(id, rows.withColumn(RUN_DATE, dateLiteral(runDate)));
    Column day = functions.col(RUN_DATE).equalTo(dateLiteral(runDate));
    // spark.wap.id is a session setting: one staged write at a time per session.
    synchronized (LakeTables.class) {
      spark.conf().set(WAP_ID, wapId);
      try {
        DataFrameWriterV2<Row> writer = aligned.writeTo(id.sql());
        writer.overwrite(day);
      } catch (NoSuchTableException e) {
        throw new IllegalStateException(id + " does not exist; ensure() creates it", e);
      } finally {
        spark.conf().unset(WAP_ID);
      }
    }
    Table table = load(id);
    Snapshot staged =
        snapshotWith(table, STAGED_WAP_ID, wapId)
            .orElseThrow(
                () -> new IllegalStateException(id + ": no snapshot staged under " + wapId));
    return new StagedDay(
        id,
        runDate,
        staged.snapshotId(),
        staged.parentId() == null ? OptionalLong.empty() : OptionalLong.of(staged.parentId()),
        addedRecords(staged),
        wapId);
  }

  /**
   * Makes a staged day current in one commit: the date's files of the table as it is now are
   * replaced by the staged ones. Fails, publishing nothing, when another run published the same
   * date since this one was staged. Returns the published snapshot's id.
   *
   * @param summary properties recorded in the published snapshot's summary
   */
  public long publish(StagedDay staged, Map<String, String> summary) {
    Table table = load(staged.table());
    Snapshot snapshot = table.snapshot(staged.snapshotId());
    Expression day = Expressions.equal(RUN_DATE, staged.runDate().toString());
    OverwriteFiles overwrite = table.newOverwrite().overwriteByRowFilter(day);
    for (DataFile file : snapshot.addedDataFiles(table.io())) {
      overwrite.addFile(file);
    }
    if (staged.parentId().isPresent()) {
      overwrite
          .validateFromSnapshot(staged.parentId().getAsLong())
          .conflictDetectionFilter(day)
          .validateNoConflictingData()
          .validateNoConflictingDeletes();
    }
    overwrite.set(PUBLISHED_WAP_ID, staged.wapId());
    overwrite.set("source-snapshot-id", Long.toString(staged.snapshotId()));
    summary.forEach(overwrite::set);
    overwrite.commit();
    table.refresh();
    return snapshotWith(table, PUBLISHED_WAP_ID, staged.wapId()).orElseThrow().snapshotId();
  }

  /** Drops a staged day that will not be published, and the files only it referenced. */
  public void discard(StagedDay staged) {
    Table table = load(staged.table());
    if (table.snapshot(staged.snapshotId()) != null && !isCurrent(table, staged.snapshotId())) {
      table.expireSnapshots().expireSnapshotId(staged.snapshotId()).commit();
    }
  }

  /** The table as of a snapshot (its current state when absent). */
  public Dataset<Row> read(TableId id, OptionalLong snapshotId) {
    DataFrameReader reader = spark.read();
    snapshotId.ifPresent(s -> reader.option("snapshot-id", Long.toString(s)));
    return reader.table(id.sql());
  }

  /** The rows of some run dates as of a snapshot. */
  public Dataset<Row> readDays(TableId id, OptionalLong snapshotId, List<LocalDate> dates) {
    Column[] days = dates.stream().map(LakeTables::dateLiteral).toArray(Column[]::new);
    return read(id, snapshotId).filter(functions.col(RUN_DATE).isin((Object[]) days));
  }

  /**
   * The snapshot a reference names: a snapshot id, or a tag or branch of the table. Fails naming
   * the table's tags when it names none of them.
   */
  public long snapshotOf(TableId id, String reference) {
    Table table = load(id);
    if (reference.matches("-?\\d+")) {
      long snapshotId = Long.parseLong(reference);
      if (table.snapshot(snapshotId) == null) {
        throw new IllegalArgumentException(id.shortName() + " has no snapshot " + reference);
      }
      return snapshotId;
    }
    org.apache.iceberg.SnapshotRef ref = table.refs().get(reference);
    if (ref == null) {
      throw new IllegalArgumentException(
          id.shortName()
              + " has no tag or branch '"
              + reference
              + "'; it has "
              + new TreeSet<>(table.refs().keySet()));
    }
    return ref.snapshotId();
  }

  /** The table's current snapshot, absent while the table is empty or missing. */
  public OptionalLong currentSnapshot(TableId id) {
    return find(id)
        .map(Table::currentSnapshot)
        .map(s -> OptionalLong.of(s.snapshotId()))
        .orElse(OptionalLong.empty());
  }

  /**
   * Whether the snapshot is in the table's current history (published and not replaced by a
   * rollback).
   */
  public boolean isPublished(TableId id, long snapshotId) {
    return find(id)
        .map(t -> t.snapshot(snapshotId) != null && isCurrent(t, snapshotId))
        .orElse(false);
  }

  /** Rows per run date as of a snapshot, from the data files' record counts (no data read). */
  public Map<LocalDate, Long> rowsPerDay(TableId id, OptionalLong snapshotId) {
    Optional<Table> table = find(id);
    Map<LocalDate, Long> out = new java.util.TreeMap<>();
    if (table.isEmpty() || (snapshotId.isEmpty() && table.get().currentSnapshot() == null)) {
      return out;
    }
    var scan = table.get().newScan();
    if (snapshotId.isPresent()) {
      scan = scan.useSnapshot(snapshotId.getAsLong());
    }
    int position = runDatePosition(table.get());
    try (CloseableIterable<FileScanTask> tasks = scan.planFiles()) {
      for (FileScanTask task : tasks) {
        Integer days = task.file().partition().get(position, Integer.class);
        out.merge(LocalDate.ofEpochDay(days), task.file().recordCount(), Long::sum);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /**
   * Whether a run of lakeml published the date to the table (its current history records it), which
   * tells a date published with no rows from one never published.
   */
  public boolean published(TableId id, LocalDate runDate) {
    Optional<Table> table = find(id);
    if (table.isEmpty() || table.get().currentSnapshot() == null) {
      return false;
    }
    for (Snapshot s : SnapshotUtil.currentAncestors(table.get())) {
      if (s.summary() != null && runDate.toString().equals(s.summary().get("lakeml.run-date"))) {
        return true;
      }
    }
    return false;
  }

  /** The run dates a table holds as of a snapshot, in order. */
  public List<LocalDate> days(TableId id, OptionalLong snapshotId) {
    return new ArrayList<>(new TreeSet<>(rowsPerDay(id, snapshotId).keySet()));
  }

  /**
   * Per column, what Iceberg recorded in the files a staged (or any) snapshot added: value, null
   * and NaN counts and, for numeric columns, bounds.
   */
  public Map<String, FileColumnStats> addedFileStats(TableId id, long snapshotId) {
    Table table = load(id);
    Snapshot snapshot = table.snapshot(snapshotId);
    Map<Integer, long[]> counts = new HashMap<>();
    Map<Integer, Double> mins = new HashMap<>();
    Map<Integer, Double> maxs = new HashMap<>();
    for (DataFile f : snapshot.addedDataFiles(table.io())) {
      for (Types.NestedField field : table.schema().columns()) {
        int fid = field.fieldId();
        long[] c = counts.computeIfAbsent(fid, k -> new long[3]);
        c[0] += count(f.valueCounts(), fid);
        c[1] += count(f.nullValueCounts(), fid);
        c[2] += count(f.nanValueCounts(), fid);
        bound(f.lowerBounds(), field).ifPresent(v -> mins.merge(fid, v, Math::min));
        bound(f.upperBounds(), field).ifPresent(v -> maxs.merge(fid, v, Math::max));
      }
    }
    Map<String, FileColumnStats> out = new LinkedHashMap<>();
    for (Types.NestedField field : table.schema().columns()) {
      long[] c = counts.getOrDefault(field.fieldId(), new long[3]);
      out.put(
          field.name(),
          new FileColumnStats(
              field.name(),
              c[0],
              c[1],
              c[2],
              Optional.ofNullable(mins.get(field.fieldId())),
              Optional.ofNullable(maxs.get(field.fieldId()))));
    }
    return out;
  }

  /** Tags a snapshot so that snapshot expiry keeps it (a model's training data, say). */
  public void tag(TableId id, long snapshotId, String tag) {
    Table table = load(id);
    if (table.refs().containsKey(tag)) {
      table.manageSnapshots().replaceTag(tag, snapshotId).commit();
    } else {
      table.manageSnapshots().createTag(tag, snapshotId).commit();
    }
  }

  /** The summary Iceberg keeps for a snapshot ({@code added-records}, lakeml's own keys, ...). */
  public Map<String, String> summary(TableId id, long snapshotId) {
    Snapshot s = load(id).snapshot(snapshotId);
    return s == null || s.summary() == null ? Map.of() : s.summary();
  }

  /** What one maintenance pass over a table did. */
  public record Maintained(
      TableId table,
      long expiredSnapshots,
      long deletedFiles,
      long orphansRemoved,
      long rewrittenFiles,
      long addedFiles) {}

  /**
   * Keeps a table small and its history bounded: expires snapshots older than {@code expireBefore}
   * beyond the newest {@code retainLast} (tagged snapshots, such as a model's training data, are
   * kept, with staged snapshots that were never published dropped once old), removes files under
   * the table that no snapshot references and that are older than {@code orphansBefore} (what a
   * killed run leaves), and bin-packs small data files into files of about {@code targetBytes}.
   */
  public Maintained maintain(
      TableId id,
      java.time.Instant expireBefore,
      int retainLast,
      java.time.Instant orphansBefore,
      OptionalLong targetBytes) {
    Table table = load(id);
    org.apache.iceberg.spark.actions.SparkActions actions =
        org.apache.iceberg.spark.actions.SparkActions.get(spark);
    var expired =
        actions
            .expireSnapshots(table)
            .expireOlderThan(expireBefore.toEpochMilli())
            .retainLast(retainLast)
            .execute();
    var orphans =
        actions
            .deleteOrphanFiles(table)
            .olderThan(orphansBefore.toEpochMilli())
            // Paths recorded as file:/x and listed as file:///x are the same file.
            .prefixMismatchMode(
                org.apache.iceberg.actions.DeleteOrphanFiles.PrefixMismatchMode.IGNORE)
            .execute();
    long orphanCount = 0;
    for (String ignored : orphans.orphanFileLocations()) {
      orphanCount++;
    }
    long rewritten = 0;
    long added = 0;
    if (targetBytes.isPresent() && table.currentSnapshot() != null) {
      var result =
          actions
              .rewriteDataFiles(table)
              .option("target-file-size-bytes", Long.toString(targetBytes.getAsLong()))
              .execute();
      rewritten = result.rewrittenDataFilesCount();
      added = result.addedDataFilesCount();
    }
    return new Maintained(
        id,
        expired.deletedManifestListsCount(),
        expired.deletedDataFilesCount(),
        orphanCount,
        rewritten,
        added);
  }

  /** Every table of the lake: those of the curated, quarantine and predictions namespaces. */
  public List<TableId> all() {
    List<TableId> out = new ArrayList<>();
    for (Lake.Zone zone : List.of(Lake.Zone.CURATED, Lake.Zone.QUARANTINE, Lake.Zone.PREDICTIONS)) {
      List<Row> names;
      try {
        names =
            spark
                .sql("SHOW TABLES IN " + LakeCatalog.NAME + "." + Identifiers.quote(zone.folder()))
                .collectAsList();
      } catch (RuntimeException e) {
        // A namespace that does not exist yet holds no tables.
        continue;
      }
      for (Row r : names) {
        out.add(lake.tableId(zone, r.getString(r.fieldIndex("tableName"))));
      }
    }
    return out;
  }

  private Dataset<Row> aligned(TableId id, Dataset<Row> rows) {
    StructType target = read(id, OptionalLong.empty()).schema();
    List<Column> columns = new ArrayList<>();
    List<String> have = List.of(rows.columns());
    for (StructField f : target.fields()) {
      columns.add(
          have.contains(f.name())
              ? functions.col(Identifiers.quote(f.name())).cast(f.dataType()).as(f.name())
              : functions.lit(null).cast(f.dataType()).as(f.name()));
    }
    return rows.select(columns.toArray(Column[]::new));
  }

  private Optional<Table> find(TableId id) {
    try {
      return Optional.of(Spark3Util.loadIcebergTable(spark, id.sql()));
    } catch (NoSuchTableException | org.apache.iceberg.exceptions.NoSuchTableException e) {
      return Optional.empty();
    } catch (ParseException e) {
      throw new IllegalArgumentException("not a table name: " + id.sql(), e);
    }
  }

  private Table load(TableId id) {
    Table table = find(id).orElseThrow(() -> new IllegalStateException(id + " does not exist"));
    table.refresh();
    return table;
  }

  /** Whether the snapshot is the table's current one or one of its ancestors. */
  private static boolean isCurrent(Table table, long snapshotId) {
    return table.currentSnapshot() != null && SnapshotUtil.isAncestorOf(table, snapshotId);
  }

  private static Optional<Snapshot> snapshotWith(Table table, String key, String value) {
    Snapshot found = null;
    for (Snapshot s : table.snapshots()) {
      if (s.summary() != null && value.equals(s.summary().get(key))) {
        found = s;
      }
    }
    return Optional.ofNullable(found);
  }

  private static long addedRecords(Snapshot s) {
    String added = s.summary() == null ? null : s.summary().get("added-records");
    return added == null ? 0L : Long.parseLong(added);
  }

  private static int runDatePosition(Table table) {
    List<org.apache.iceberg.PartitionField> fields = table.spec().fields();
    for (int i = 0; i < fields.size(); i++) {
      if (table.schema().findColumnName(fields.get(i).sourceId()).equals(RUN_DATE)) {
        return i;
      }
    }
    throw new IllegalStateException(table.name() + " is not partitioned by " + RUN_DATE);
  }

  private static long count(Map<Integer, Long> counts, int fieldId) {
    if (counts == null) {
      return 0L;
    }
    Long n = counts.get(fieldId);
    return n == null ? 0L : n;
  }

  private static Optional<Double> bound(Map<Integer, ByteBuffer> bounds, Types.NestedField f) {
    if (bounds == null || !bounds.containsKey(f.fieldId())) {
      return Optional.empty();
    }
    Type type = f.type();
    Object v = Conversions.fromByteBuffer(type, bounds.get(f.fieldId()));
    return switch (type.typeId()) {
      case INTEGER, LONG, FLOAT, DOUBLE -> Optional.of(((Number) v).doubleValue());
      default -> Optional.empty();
    };
  }

  private static Column dateLiteral(LocalDate d) {
    return functions.lit(Date.valueOf(d));
  }

  private static String sqlString(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
