package io.lakeml.lake;

import io.lakeml.sql.Identifiers;

/**
 * One of the lake's Iceberg tables: {@code lake.<namespace>.<name>}, stored at {@code location}.
 *
 * @param namespace the zone ({@code curated}, {@code quarantine}, {@code predictions})
 * @param name the dataset or model
 * @param location {@code <lake.root>/<zone>/<name>}
 */
public record TableId(String namespace, String name, String location) {
  /** The name as SQL text, each part quoted: {@code lake.`curated`.`insurance_claims`}. */
  public String sql() {
    return LakeCatalog.NAME + "." + Identifiers.quote(namespace) + "." + Identifiers.quote(name);
  }

  /** The name as people write it in {@code lakeml sql}: {@code curated.insurance_claims}. */
  public String shortName() {
    return namespace + "." + name;
  }

  /** The name in the catalog, {@code lake.curated.insurance_claims}. */
  @Override
  public String toString() {
    return LakeCatalog.NAME + "." + namespace + "." + name;
  }
}
