package io.lakeml.lake;

import io.lakeml.config.ConfigException;
import io.lakeml.config.Settings;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;

/**
 * The lake: one root ({@code lake.root}, a {@code file:} path locally or {@code
 * s3a://bucket/prefix} on EMR) and fixed zones below it. Every path a job reads or writes comes
 * from here, so the layout is defined once.
 *
 * <pre>
 * raw/&lt;dataset&gt;/run_date=D/            landed files, as delivered
 * curated/&lt;dataset&gt;/                   Iceberg table lake.curated.&lt;dataset&gt;, by run_date
 * quarantine/&lt;dataset&gt;/                Iceberg table lake.quarantine.&lt;dataset&gt;: rejected rows
 * models/&lt;model&gt;/&lt;version&gt;/            fitted PipelineModel + metadata.json
 * predictions/&lt;model&gt;/                  Iceberg table lake.predictions.&lt;model&gt;, by run_date
 * reports/&lt;model&gt;/&lt;version&gt;/           metrics and reports
 * reports/&lt;model&gt;/drift/run_date=D/     drift of a batch against the model's baseline
 * reports/data-quality/&lt;dataset&gt;/run_date=D/  ingest quality report, published measures, profile page
 * runs/&lt;job&gt;/run_date=D/&lt;run-id&gt;.json   run manifests
 * </pre>
 */
public final class Lake {
  /** The zones of the lake, each a folder under the root. */
  public enum Zone {
    RAW,
    CURATED,
    QUARANTINE,
    MODELS,
    PREDICTIONS,
    REPORTS,
    RUNS;

    public String folder() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final String root;
  private final LakeCatalog catalog;

  private Lake(String root, LakeCatalog catalog) {
    this.root = root;
    this.catalog = catalog;
  }

  /**
   * Reads {@code lake.root} (a path without a scheme is made absolute against the working dir) and
   * {@code lake.catalog}.
   */
  public static Lake from(Settings lake) {
    lake.allowOnly("root", "catalog");
    return new Lake(normalize(lake.string("root"), lake.key("root")), LakeCatalog.from(lake));
  }

  /** A lake at {@code root} whose tables are in the embedded Hadoop catalog. */
  public static Lake at(String root) {
    return new Lake(normalize(root, "lake.root"), LakeCatalog.HADOOP);
  }

  /** The catalog that holds the lake's tables. */
  public LakeCatalog catalog() {
    return catalog;
  }

  /**
   * The Iceberg table of a zone, {@code lake.<zone>.<name>}: curated and quarantined rows per
   * dataset, predictions per model.
   */
  public TableId tableId(Zone zone, String name) {
    if (zone != Zone.CURATED && zone != Zone.QUARANTINE && zone != Zone.PREDICTIONS) {
      throw new IllegalArgumentException("the " + zone.folder() + " zone holds files, not tables");
    }
    return new TableId(zone.folder(), checkName(name), table(zone, name));
  }

  /**
   * A user-given location as an absolute URI string: a path without a scheme (or a relative {@code
   * file:} path) is taken relative to the working directory; other URIs are kept.
   */
  public static String resolve(String location) {
    return normalize(location, "path");
  }

  private static String normalize(String root, String key) {
    String trimmed = root.strip();
    URI uri;
    try {
      uri = new URI(trimmed);
    } catch (URISyntaxException e) {
      throw ConfigException.invalid(key, root, "a path or URI such as s3a://bucket/prefix");
    }
    String normalized;
    if (uri.getScheme() == null || (uri.getScheme().length() == 1 && trimmed.contains(":\\"))) {
      normalized = Path.of(trimmed).toAbsolutePath().normalize().toUri().toString();
    } else if ("file".equals(uri.getScheme())) {
      String p = uri.getSchemeSpecificPart();
      normalized =
          p.startsWith("/")
              ? uri.toString()
              : Path.of(p).toAbsolutePath().normalize().toUri().toString();
    } else {
      if (uri.getAuthority() == null || uri.getAuthority().isBlank()) {
        throw ConfigException.invalid(
            key, root, "a URI with a bucket, such as s3a://bucket/prefix");
      }
      normalized = trimmed;
    }
    while (normalized.endsWith("/")) {
      normalized = normalized.substring(0, normalized.length() - 1);
    }
    return normalized;
  }

  public String root() {
    return root;
  }

  public String zone(Zone zone) {
    return root + "/" + zone.folder();
  }

  /**
   * The table a name such as {@code lake.curated.insurance_claims} (as manifests record it) names.
   */
  public TableId tableIdOf(String qualified) {
    String[] parts = qualified.split("\\.", 3);
    if (parts.length != 3 || !parts[0].equals(LakeCatalog.NAME)) {
      throw new IllegalArgumentException(
          "not a lake table: '" + qualified + "'; expected lake.<zone>.<name>");
    }
    return tableId(Zone.valueOf(parts[1].toUpperCase(Locale.ROOT)), parts[2]);
  }

  /** {@code <zone>/<name>}: all partitions of a dataset, or all versions of a model. */
  public String table(Zone zone, String name) {
    return zone(zone) + "/" + checkName(name);
  }

  /** {@code <zone>/<name>/run_date=<D>}. */
  public String partition(Zone zone, String name, LocalDate runDate) {
    return table(zone, name) + "/" + RunDatePartition.folder(runDate);
  }

  /** {@code models/<model>/<version>}. */
  /**
   * A path configuration names ({@code ingest.source.path}, {@code score.input}, ...), resolved
   * like the lake's root; else the zone's partition of the date.
   */
  public String pathOr(Optional<String> configured, Zone zone, String name, LocalDate runDate) {
    return configured.map(Lake::resolve).orElse(partition(zone, name, runDate));
  }

  public String model(String model, String version) {
    return table(Zone.MODELS, model) + "/" + checkName(version);
  }

  /** {@code reports/<model>/<version>}. */
  public String report(String model, String version) {
    return table(Zone.REPORTS, model) + "/" + checkName(version);
  }

  /** {@code reports/<model>/drift/run_date=<D>}: a batch's drift against the model's baseline. */
  public String driftReport(String model, LocalDate runDate) {
    return table(Zone.REPORTS, model) + "/drift/" + RunDatePartition.folder(runDate);
  }

  /** {@code reports/data-quality/<dataset>/run_date=<D>/report.json}. */
  public String qualityReport(String dataset, LocalDate runDate) {
    return qualityDay(dataset, runDate) + "/report.json";
  }

  /**
   * {@code reports/data-quality/<dataset>/run_date=<D>}: the day's quality report, published
   * measures and data profile page ({@code index.html}).
   */
  public String qualityDay(String dataset, LocalDate runDate) {
    return qualityReports(dataset) + "/" + RunDatePartition.folder(runDate);
  }

  /**
   * {@code reports/data-quality/<dataset>/run_date=<D>/published.json}: the measures of the day as
   * last published, written only when a run publishes it; the history that {@code *-change} checks
   * compare with.
   */
  public String qualityPublished(String dataset, LocalDate runDate) {
    return qualityDay(dataset, runDate) + "/published.json";
  }

  /** {@code reports/data-quality/<dataset>}: one folder per run date. */
  public String qualityReports(String dataset) {
    return table(Zone.REPORTS, "data-quality") + "/" + checkName(dataset);
  }

  /** {@code runs/<job>/run_date=<D>/<runId>.json}. */
  public String runManifest(String job, LocalDate runDate, String runId) {
    return partition(Zone.RUNS, job, runDate) + "/" + checkName(runId) + ".json";
  }

  private static String checkName(String name) {
    if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
      throw new IllegalArgumentException(
          "a lake name must be letters, digits, '.', '_' or '-', got: '" + name + "'");
    }
    return name;
  }

  @Override
  public String toString() {
    return root;
  }
}
