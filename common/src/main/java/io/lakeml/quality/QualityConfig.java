package io.lakeml.quality;

import io.lakeml.config.Settings;
import java.util.List;

/**
 * {@code quality { checks = [ ... ], profile { ... } }}: the dataset-level checks of an ingest, and
 * the data profile page it draws of each published day.
 */
public record QualityConfig(List<QualityCheck> checks, ProfileConfig profile) {
  public QualityConfig {
    checks = List.copyOf(checks);
  }

  public QualityConfig(List<QualityCheck> checks) {
    this(checks, ProfileConfig.DEFAULT);
  }

  public static QualityConfig from(Settings s) {
    s.allowOnly("checks", "profile");
    return new QualityConfig(
        s.sectionList("checks").stream().map(QualityCheck::from).toList(),
        ProfileConfig.from(s.section("profile")));
  }
}
