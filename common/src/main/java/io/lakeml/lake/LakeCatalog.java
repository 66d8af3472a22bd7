package io.lakeml.lake;

import io.lakeml.config.ConfigException;
import io.lakeml.config.ConfigName;
import io.lakeml.config.Settings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code lake.catalog}: the Apache Iceberg catalog that holds the lake's tables ({@code curated},
 * {@code quarantine}, {@code predictions}), registered in Spark as the catalog {@value #NAME}. The
 * catalog decides what makes a commit atomic, so each environment picks the one that is safe for
 * its storage:
 *
 * <ul>
 *   <li>{@code hadoop} — Iceberg's Hadoop catalog with the lake root as its warehouse. It commits
 *       by renaming a metadata file, atomic on a local file system (and HDFS), not on S3;
 *   <li>{@code jdbc} — Iceberg's JDBC catalog: a database row holds each table's current metadata
 *       and a commit is one transaction. With {@code uri = "jdbc:sqlite:/path/catalog.db"} an
 *       embedded SQLite file on the driver's disk, no server;
 *   <li>{@code glue} — the AWS Glue Data Catalog (EMR, queryable from Athena);
 *   <li>{@code rest} — an Iceberg REST catalog at {@code uri} (Amazon S3 Tables, Polaris, Nessie).
 * </ul>
 *
 * <p>Every table lives at {@code <lake.root>/<zone>/<name>}, whichever catalog records it. {@code
 * properties} pass through to the catalog as {@code spark.sql.catalog.lake.<key>}.
 */
public record LakeCatalog(Type type, Optional<String> uri, Map<String, String> properties) {
  /** The Spark catalog name of the lake: tables are {@code lake.curated.<dataset>}. */
  public static final String NAME = "lake";

  /** The catalog implementations lakeml configures. */
  public enum Type implements ConfigName {
    HADOOP,
    JDBC,
    GLUE,
    REST;

    @Override
    public String configName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a table's location can be chosen at creation (the Hadoop catalog derives it). */
    public boolean takesLocation() {
      return this != HADOOP;
    }
  }

  public LakeCatalog {
    properties = Map.copyOf(properties);
  }

  /** The embedded default: the Hadoop catalog on the lake root. */
  public static final LakeCatalog HADOOP = new LakeCatalog(Type.HADOOP, Optional.empty(), Map.of());

  /** Reads {@code lake.catalog}; a missing section is the Hadoop catalog. */
  public static LakeCatalog from(Settings lake) {
    if (!lake.has("catalog")) {
      return HADOOP;
    }
    Settings s = lake.section("catalog");
    s.allowOnly("type", "uri", "properties");
    Type type = s.has("type") ? s.choice("type", Type.class) : Type.HADOOP;
    Optional<String> uri = s.optionalString("uri").filter(u -> !u.isBlank());
    if ((type == Type.JDBC || type == Type.REST) && uri.isEmpty()) {
      throw ConfigException.invalid(
          s.key("uri"),
          null,
          type == Type.JDBC
              ? "a JDBC URL such as jdbc:sqlite:/var/lib/lakeml/catalog.db"
              : "the REST catalog's URL");
    }
    Map<String, String> properties = s.has("properties") ? s.stringMap("properties") : Map.of();
    return new LakeCatalog(type, uri.map(u -> absoluteSqlite(u, s.key("uri"))), properties);
  }

  /**
   * A relative SQLite file is made absolute against the working directory where configuration is
   * read, so a driver started elsewhere (cluster deploy mode) opens the same file.
   */
  private static String absoluteSqlite(String uri, String key) {
    String prefix = "jdbc:sqlite:";
    if (!uri.startsWith(prefix) || uri.startsWith(prefix + "/") || uri.contains(":memory:")) {
      return uri;
    }
    String file = uri.substring(prefix.length());
    if (file.isBlank()) {
      throw ConfigException.invalid(key, uri, "jdbc:sqlite:<path of the catalog file>");
    }
    return prefix + Path.of(file).toAbsolutePath().normalize();
  }

  /** The Spark properties that register this catalog as {@value #NAME} over {@code root}. */
  public Map<String, String> sparkConf(String root) {
    String p = "spark.sql.catalog." + NAME;
    Map<String, String> conf = new LinkedHashMap<>();
    conf.put(p, "org.apache.iceberg.spark.SparkCatalog");
    conf.put(p + ".warehouse", root);
    switch (type) {
      case HADOOP -> conf.put(p + ".type", "hadoop");
      case JDBC -> {
        conf.put(p + ".catalog-impl", "org.apache.iceberg.jdbc.JdbcCatalog");
        conf.put(p + ".uri", uri.orElseThrow());
        // The current schema of Iceberg's catalog tables (views too); a new catalog starts on it.
        conf.put(p + ".jdbc.schema-version", "V1");
        if (uri.get().startsWith("jdbc:sqlite:")) {
          // SQLite takes one writer at a time. Write-ahead logging lets readers (a catalog's
          // pooled connections, a second catalog instance) go on while a commit writes, and a
          // connection that finds the file locked waits for it instead of failing the commit.
          conf.put(p + ".jdbc.journal_mode", "WAL");
          conf.put(p + ".jdbc.busy_timeout", "30000");
        }
      }
      case GLUE -> {
        conf.put(p + ".catalog-impl", "org.apache.iceberg.aws.glue.GlueCatalog");
        // Data and metadata go through S3A like every other lake file (its SSE-KMS settings,
        // retries and credentials), not through a second S3 client.
        conf.put(p + ".io-impl", "org.apache.iceberg.hadoop.HadoopFileIO");
      }
      case REST -> {
        conf.put(p + ".type", "rest");
        conf.put(p + ".uri", uri.orElseThrow());
      }
    }
    properties.forEach((k, v) -> conf.put(p + "." + k, v));
    return conf;
  }
}
