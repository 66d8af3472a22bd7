package io.lakeml.features;

import io.lakeml.config.ConfigException;
import io.lakeml.config.Settings;
import java.util.List;

/**
 * {@code features.bin = [ { column, boundaries } | { column, quantiles } ]}: a numeric feature
 * replaced by its bin, encoded like a category. Fixed boundaries such as age rate groups {@code
 * [25, 30, 45, 60]} (below the first and from the last on are bins too), or a number of quantile
 * bins learned on the training rows.
 */
public record Binning(String column, List<Double> boundaries, int quantiles) {
  public Binning {
    boundaries = List.copyOf(boundaries);
  }

  static Binning from(Settings s) {
    s.allowOnly("column", "boundaries", "quantiles");
    String column = s.string("column");
    if (s.has("boundaries") == s.has("quantiles")) {
      throw ConfigException.invalid(
          s.key("boundaries"), s.raw("boundaries"), "either boundaries or quantiles (not both)");
    }
    if (s.has("quantiles")) {
      return new Binning(column, List.of(), s.integer("quantiles", 2, 10_000));
    }
    List<Double> boundaries = new java.util.ArrayList<>();
    for (Object v : s.values("boundaries")) {
      if (!(v instanceof Number n)) {
        throw ConfigException.invalid(s.key("boundaries"), s.raw("boundaries"), "numbers");
      }
      double d = n.doubleValue();
      if (!boundaries.isEmpty() && d <= boundaries.get(boundaries.size() - 1)) {
        throw ConfigException.invalid(
            s.key("boundaries"), s.raw("boundaries"), "strictly increasing numbers");
      }
      boundaries.add(d);
    }
    if (boundaries.isEmpty()) {
      throw ConfigException.invalid(s.key("boundaries"), s.raw("boundaries"), "at least one");
    }
    return new Binning(column, boundaries, 0);
  }

  /** Bucketizer splits: the boundaries between minus and plus infinity. */
  double[] splits() {
    double[] out = new double[boundaries.size() + 2];
    out[0] = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < boundaries.size(); i++) {
      out[i + 1] = boundaries.get(i);
    }
    out[out.length - 1] = Double.POSITIVE_INFINITY;
    return out;
  }
}
