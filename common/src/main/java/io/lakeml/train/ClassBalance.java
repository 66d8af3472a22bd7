package io.lakeml.train;

import io.lakeml.config.ConfigException;
import io.lakeml.config.Settings;
import io.lakeml.ml.HashSplit;
import io.lakeml.ml.ModelColumns;
import io.lakeml.model.ClassBalanceSummary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Class imbalance handling for classification, recorded in the model's metadata: {@code
 * train.class-weights = none | balanced | { <class> = <weight>, ... }} gives each training row a
 * weight by its class ({@code balanced}: n / (classes × n_class), as scikit-learn does), and {@code
 * train.downsample.max-ratio = r} keeps at most r rows of any class per row of the rarest one,
 * chosen by a seeded hash of the row key (reproducible). Down-sampling runs first; balanced weights
 * are computed on what remains.
 */
public record ClassBalance(
    ClassBalanceSummary.Weighting weights, Map<String, Double> explicit, OptionalDouble maxRatio) {
  public static final ClassBalance NONE =
      new ClassBalance(ClassBalanceSummary.Weighting.NONE, Map.of(), OptionalDouble.empty());

  public ClassBalance {
    explicit = Map.copyOf(explicit);
  }

  static ClassBalance from(Settings train) {
    ClassBalanceSummary.Weighting weights = ClassBalanceSummary.Weighting.NONE;
    Map<String, Double> explicit = new LinkedHashMap<>();
    if (train.isSection("class-weights")) {
      weights = ClassBalanceSummary.Weighting.EXPLICIT;
      Settings w = train.section("class-weights");
      for (String c : w.keys()) {
        explicit.put(c, w.number(c, 0.0, Double.MAX_VALUE));
        if (explicit.get(c) <= 0.0) {
          throw ConfigException.invalid(w.key(c), explicit.get(c), "a weight > 0");
        }
      }
    } else if (train.has("class-weights")) {
      weights =
          ClassBalanceSummary.Weighting.byName(
              train.choice("class-weights", List.of("none", "balanced")));
    }
    Settings d = train.section("downsample");
    d.allowOnly("max-ratio");
    OptionalDouble maxRatio =
        d.has("max-ratio")
            ? OptionalDouble.of(d.number("max-ratio", 1.0, Double.MAX_VALUE))
            : OptionalDouble.empty();
    return new ClassBalance(weights, explicit, maxRatio);
  }

  public boolean weighted() {
    return weights != ClassBalanceSummary.Weighting.NONE;
  }

  /**
   * The share of each class's training rows to keep: 1 for all but the classes with more than
   * {@code max-ratio} rows per row of the rarest class.
   */
  public Map<String, Double> keepFractions(Map<String, Long> trainCounts) {
    Map<String, Double> out = new LinkedHashMap<>();
    long rarest = trainCounts.values().stream().mapToLong(Long::longValue).min().orElse(0);
    for (Map.Entry<String, Long> e : trainCounts.entrySet()) {
      double cap = maxRatio.isPresent() ? maxRatio.getAsDouble() * rarest : Double.MAX_VALUE;
      out.put(e.getKey(), e.getValue() > cap ? cap / e.getValue() : 1.0);
    }
    return out;
  }

  /** The training rows down-sampled per {@link #keepFractions}; unchanged when none applies. */
  public Dataset<Row> downsample(
      Dataset<Row> training, String label, Map<String, Double> keep, List<String> key, long seed) {
    if (keep.values().stream().allMatch(f -> f >= 1.0)) {
      return training;
    }
    Column fraction = functions.lit(1.0);
    for (Map.Entry<String, Double> e : keep.entrySet()) {
      fraction =
          functions
              .when(functions.col(label).cast("string").equalTo(e.getKey()), e.getValue())
              .otherwise(fraction);
    }
    Column u = HashSplit.uniform(training, key, seed ^ HashSplit.SAMPLE_STREAM);
    return training.filter(u.lt(fraction));
  }

  /** Each class's weight, from the training counts that remain after down-sampling. */
  public Map<String, Double> classWeights(Map<String, Long> counts) {
    Map<String, Double> out = new LinkedHashMap<>();
    long total = counts.values().stream().mapToLong(Long::longValue).sum();
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      double w =
          switch (weights) {
            case BALANCED -> (double) total / (counts.size() * e.getValue());
            case EXPLICIT -> explicit.getOrDefault(e.getKey(), 1.0);
            case NONE -> 1.0;
          };
      out.put(e.getKey(), w);
    }
    return out;
  }

  /** Adds {@value ModelColumns#WEIGHT}: each row's class weight. */
  public static Dataset<Row> addWeights(
      Dataset<Row> training, String label, Map<String, Double> weights) {
    Column w = functions.lit(1.0);
    for (Map.Entry<String, Double> e : weights.entrySet()) {
      w =
          functions
              .when(functions.col(label).cast("string").equalTo(e.getKey()), e.getValue())
              .otherwise(w);
    }
    return training.withColumn(ModelColumns.WEIGHT, w);
  }

  /** Class names in {@code explicit} must be classes of the label. */
  public void checkClasses(List<String> classes) {
    for (String c : explicit.keySet()) {
      if (!classes.contains(c)) {
        throw new ConfigException(
            String.format(
                "train.class-weights.%s: expected one of the label's classes %s, got: %s",
                c, classes, c));
      }
    }
  }
}
