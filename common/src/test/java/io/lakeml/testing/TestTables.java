package io.lakeml.testing;

import io.lakeml.lake.Lake;
import io.lakeml.lake.LakeTables;
import java.time.LocalDate;
import java.util.List;
import java.util.OptionalLong;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Reads the lake's tables in tests as users read them: the published state. */
public final class TestTables {
  private TestTables() {}

  /** A run date's published rows of {@code lake.<zone>.<name>}, without the run_date column. */
  public static Dataset<Row> day(Lake lake, Lake.Zone zone, String name, LocalDate day) {
    return LakeTables.of(SparkTestSession.get(), lake)
        .readDays(lake.tableId(zone, name), OptionalLong.empty(), List.of(day))
        .drop(LakeTables.RUN_DATE);
  }
}
