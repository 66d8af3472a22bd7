package io.lakeml.testing;

import io.lakeml.model.ModelMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code metadata.json} files written by lakeml's main branch at commit 5c5bb3f (before the
 * metadata was typed), one per shipped pipeline shape, with the lake root rewritten to {@code
 * file:///data/lake/}: every version must keep reading them.
 */
public final class MetadataFixtures {
  /**
   * binary with class weights and a promotion; binary with a search; clustering with a search;
   * multiclass after PCA; regression; binary on seven days, not promoted.
   */
  public static final List<String> NAMES =
      List.of(
          "fraud_lr",
          "fraud_gbt",
          "customer_segments",
          "digits_pca_lr",
          "penguin_mass",
          "fraud_weekly_v2");

  private MetadataFixtures() {}

  public static String json(String name) {
    String resource = "/metadata/main-5c5bb3f/" + name + ".json";
    try (InputStream in = MetadataFixtures.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ModelMetadata load(String name) {
    return ModelMetadata.parse(json(name), name + ".json");
  }
}
