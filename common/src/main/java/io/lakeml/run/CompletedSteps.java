package io.lakeml.run;

import io.lakeml.io.CommittedData;
import io.lakeml.io.Json;
import io.lakeml.io.LakeFiles;
import io.lakeml.lake.Lake;
import io.lakeml.lake.LakeTables;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What earlier runs of a job completed for a date, read from their manifests under {@code
 * runs/<job>/run_date=<D>/}. A step is complete when the newest manifest of the same configuration
 * (same digest) that records it says it succeeded (or was itself resumed) and every output it
 * recorded is still complete: a table snapshot still in the table's current history, a folder with
 * {@code _SUCCESS} (or a model version with its metadata), a file that exists.
 */
public final class CompletedSteps {
  private final List<Map<String, Object>> manifests;
  private final LakeFiles files;
  private final LakeTables tables;

  private CompletedSteps(List<Map<String, Object>> manifests, LakeFiles files, LakeTables tables) {
    this.manifests = manifests;
    this.files = files;
    this.tables = tables;
  }

  /**
   * The manifests of {@code job} for {@code runDate} written under {@code digest}, newest first.
   */
  @SuppressWarnings("unchecked")
  public static CompletedSteps of(
      LakeFiles files, LakeTables tables, String job, LocalDate runDate, String digest) {
    Lake lake = tables.lake();
    String folder = lake.partition(Lake.Zone.RUNS, job, runDate);
    List<Map<String, Object>> found = new ArrayList<>();
    if (files.exists(folder)) {
      List<String> paths = new ArrayList<>(files.files(folder, ".json"));
      // Run ids start with their UTC start time, so names sort by age.
      paths.sort(Comparator.comparing(CompletedSteps::fileName).reversed());
      for (String p : paths) {
        Map<String, Object> m = Json.readMap(files.readString(p));
        if (digest.equals(m.get("config_digest"))) {
          found.add(m);
        }
      }
    }
    return new CompletedSteps(found, files, tables);
  }

  /** The newest record of {@code step} if it completed and its outputs are all still there. */
  @SuppressWarnings("unchecked")
  public Optional<Record> find(String step) {
    for (Map<String, Object> manifest : manifests) {
      for (Map<String, Object> s : (List<Map<String, Object>>) manifest.get("steps")) {
        if (!step.equals(s.get("name"))) {
          continue;
        }
        String status = (String) s.get("status");
        boolean done =
            (RunManifest.Status.SUCCEEDED.name().equals(status)
                    || RunManifest.Status.SKIPPED.name().equals(status))
                && ((List<Map<String, Object>>) s.get("outputs")).stream().allMatch(this::complete);
        // The newest record of the step decides: an output replaced or a failure since counts.
        return done
            ? Optional.of(new Record((String) manifest.get("run_id"), s))
            : Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** A completed step as its manifest recorded it. */
  public record Record(String runId, Map<String, Object> step) {
    @SuppressWarnings("unchecked")
    public Map<String, Object> counts() {
      return (Map<String, Object>) step.get("counts");
    }

    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> outputs() {
      return (List<Map<String, Object>>) step.get("outputs");
    }
  }

  private boolean complete(Map<String, Object> output) {
    String path = (String) output.get("path");
    Object snapshot = output.get("snapshot_id");
    if (snapshot != null) {
      return tables.isPublished(
          tables.lake().tableIdOf(path), Long.parseLong(String.valueOf(snapshot)));
    }
    String name = fileName(path);
    if (name.contains(".")) {
      return files.exists(path);
    }
    return CommittedData.isCommitted(files, path) || files.exists(path + "/metadata.json");
  }

  private static String fileName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
