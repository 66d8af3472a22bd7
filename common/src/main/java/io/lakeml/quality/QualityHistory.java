package io.lakeml.quality;

import io.lakeml.io.Json;
import io.lakeml.io.LakeFiles;
import io.lakeml.lake.Lake;
import io.lakeml.ml.JsonFields;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The measures of every published day of a dataset, one small file per run date, written when a run
 * publishes the day and only then: a run that fails its checks, or never publishes, leaves the
 * history as it was. A {@code *-change} check compares today with the latest earlier date in it, so
 * a backfill, a re-run of an old date or a rejected day each compare with the right day.
 */
public final class QualityHistory {
  /** One published day: its accepted rows and the completeness of each column. */
  public record Day(LocalDate runDate, String runId, long rows, Map<String, Double> completeness) {
    public Day {
      completeness = Map.copyOf(completeness);
    }

    Map<String, Object> toMap() {
      return JsonFields.object(
          "run_date",
          runDate.toString(),
          "run_id",
          runId,
          "rows",
          rows,
          "completeness",
          new java.util.TreeMap<>(completeness));
    }

    static Day fromMap(JsonFields m) {
      Map<String, Double> completeness = new LinkedHashMap<>(m.numberMap("completeness"));
      return new Day(
          LocalDate.parse(m.string("run_date")),
          m.optionalString("run_id").orElse(""),
          m.longValue("rows"),
          completeness);
    }
  }

  private final LakeFiles files;
  private final Lake lake;
  private final String dataset;

  public QualityHistory(LakeFiles files, Lake lake, String dataset) {
    this.files = files;
    this.lake = lake;
    this.dataset = dataset;
  }

  /** The latest published day before {@code runDate}, if any. */
  public Optional<Day> before(LocalDate runDate) {
    Optional<LocalDate> latest = Optional.empty();
    for (String child : files.childFolders(lake.qualityReports(dataset))) {
      Optional<LocalDate> d = dateOf(child).filter(runDate::isAfter);
      if (d.isPresent()
          && files.exists(lake.qualityPublished(dataset, d.get()))
          && (latest.isEmpty() || d.get().isAfter(latest.get()))) {
        latest = d;
      }
    }
    return latest.map(this::read);
  }

  /** Records a day as published (replacing an earlier record of the same date). */
  public void record(Day day) {
    files.writeString(lake.qualityPublished(dataset, day.runDate()), Json.write(day.toMap()));
  }

  private Day read(LocalDate d) {
    String path = lake.qualityPublished(dataset, d);
    return Day.fromMap(JsonFields.of(Json.readMap(files.readString(path)), path));
  }

  private static Optional<LocalDate> dateOf(String name) {
    if (!name.startsWith("run_date=")) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(name.substring("run_date=".length())));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
