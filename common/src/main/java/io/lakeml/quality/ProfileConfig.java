package io.lakeml.quality;

import io.lakeml.config.Settings;

/**
 * {@code quality.profile { enabled, sample-rows }}: the data profile page ingest draws of every day
 * it publishes. Missing values are counted over every row (from the write's own statistics);
 * histograms, top categories and their relation to the label come from a seeded sample of at most
 * {@code sample-rows} rows, so the page costs one small pass however large the day.
 *
 * @param enabled whether ingest draws the page
 * @param sampleRows the most rows the histograms read
 * @param seed the sample's seed
 */
public record ProfileConfig(boolean enabled, long sampleRows, long seed) {
  /** The default sample: plenty for 20-bin histograms and a dozen categories. */
  public static final long DEFAULT_SAMPLE_ROWS = 100_000;

  public static final ProfileConfig DEFAULT = new ProfileConfig(true, DEFAULT_SAMPLE_ROWS, 42);

  public static ProfileConfig from(Settings s) {
    s.allowOnly("enabled", "sample-rows", "seed");
    return new ProfileConfig(
        s.bool("enabled", true),
        s.longValue("sample-rows", 1, 1_000_000_000L, DEFAULT_SAMPLE_ROWS),
        s.longValue("seed", Long.MIN_VALUE, Long.MAX_VALUE, 42));
  }
}
