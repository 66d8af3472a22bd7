package io.lakeml.quality;

import io.lakeml.config.Settings;
import java.util.List;

/** {@code quality { checks = [ ... ] }}: the dataset-level checks of an ingest. */
public record QualityConfig(List<QualityCheck> checks) {
  public QualityConfig {
    checks = List.copyOf(checks);
  }

  public static QualityConfig from(Settings s) {
    s.allowOnly("checks");
    return new QualityConfig(s.sectionList("checks").stream().map(QualityCheck::from).toList());
  }
}
