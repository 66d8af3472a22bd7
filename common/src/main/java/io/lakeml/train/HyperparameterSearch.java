package io.lakeml.train;

import io.lakeml.ml.HashSplit;
import io.lakeml.ml.Metric;
import io.lakeml.ml.Metrics;
import io.lakeml.ml.SplitConfig;
import io.lakeml.model.SearchSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;

/**
 * Scores every candidate of a {@link SearchConfig} and picks the best. Each fit is a whole pipeline
 * (features included) on the fit rows only, so no statistic of the held-out rows leaks into the
 * score. Fits run {@code parallelism} at a time as concurrent Spark jobs.
 */
public final class HyperparameterSearch {
  private HyperparameterSearch() {}

  /** One candidate's parameters and its metrics, one value per fold (or one for a split). */
  public record Candidate(int index, Map<String, Object> params, Map<String, double[]> metrics) {
    public double mean(String metric) {
      double[] v = metrics.get(metric);
      double s = 0;
      for (double d : v) {
        s += d;
      }
      return s / v.length;
    }

    /** The population standard deviation across folds, as scikit-learn reports it. */
    public double std(String metric) {
      double m = mean(metric);
      double[] v = metrics.get(metric);
      double s = 0;
      for (double d : v) {
        s += (d - m) * (d - m);
      }
      return Math.sqrt(s / v.length);
    }
  }

  /** Every candidate, in the order tried, and the best one's index. */
  public record Result(SearchConfig config, List<Candidate> candidates, int best) {
    public Candidate bestCandidate() {
      return candidates.get(best);
    }

    /** The table: one row per candidate, its parameters, mean and std of each metric, rank. */
    public String toCsv() {
      TreeSet<String> paramNames = new TreeSet<>();
      TreeSet<String> metricNames = new TreeSet<>();
      for (Candidate c : candidates) {
        paramNames.addAll(c.params().keySet());
        metricNames.addAll(c.metrics().keySet());
      }
      List<Candidate> ranked = ranked();
      StringBuilder out = new StringBuilder("candidate,rank");
      paramNames.forEach(p -> out.append(',').append(p));
      metricNames.forEach(m -> out.append(",mean_").append(m).append(",std_").append(m));
      out.append('\n');
      for (Candidate c : candidates) {
        out.append(c.index()).append(',').append(ranked.indexOf(c) + 1);
        paramNames.forEach(p -> out.append(',').append(c.params().getOrDefault(p, "")));
        metricNames.forEach(m -> out.append(',').append(c.mean(m)).append(',').append(c.std(m)));
        out.append('\n');
      }
      return out.toString();
    }

    /** Candidates best first by the search metric. */
    public List<Candidate> ranked() {
      Metric m = config.metric();
      List<Candidate> out = new ArrayList<>(candidates);
      out.sort(
          (a, b) ->
              Double.compare(m.improvement(b.mean(m.configName()), a.mean(m.configName())), 0.0));
      return out;
    }

    /** What the model's metadata records about the search. */
    public SearchSummary summary() {
      Candidate b = bestCandidate();
      String metric = config.metric().configName();
      return new SearchSummary(
          config.method(),
          config.validation(),
          config.validation() == SearchSummary.Validation.CROSS_VALIDATION
              ? OptionalInt.of(config.folds())
              : OptionalInt.empty(),
          config.metric(),
          candidates.size(),
          b.params(),
          b.mean(metric),
          b.std(metric),
          TABLE);
    }
  }

  /** The side file beside the model with one row per candidate. */
  public static final String TABLE = "search.csv";

  /**
   * Runs the search.
   *
   * @param training the training rows with the encoded label (and weights), cached by the caller
   * @param validation the validation rows, for {@code validation = split}
   * @param split the split settings (key and seed for the folds)
   * @param stratum the column to stratify folds by, for classification
   * @param pipeline builds the whole pipeline for a candidate's parameter overrides
   * @param evaluate the metrics of a fitted model on held-out rows
   */
  public static Result run(
      SearchConfig config,
      Dataset<Row> training,
      Optional<Dataset<Row>> validation,
      SplitConfig split,
      Optional<String> stratum,
      Function<Map<String, Object>, Pipeline> pipeline,
      BiFunction<PipelineModel, Dataset<Row>, Metrics> evaluate) {
    List<Map<String, Object>> candidates = config.candidatesToTry();
    Dataset<Row> folded =
        config.validation() == SearchSummary.Validation.SPLIT
            ? null
            : HashSplit.folds(training, config.folds(), split, stratum)
                .persist(StorageLevel.MEMORY_AND_DISK());
    List<Dataset<Row>[]> fitAndHoldOut =
        folded == null
            ? List.<Dataset<Row>[]>of(pair(training, validation.orElseThrow()))
            : folds(folded, config.folds());
    ExecutorService pool = Executors.newFixedThreadPool(config.parallelism());
    try {
      List<List<Future<Metrics>>> futures = new ArrayList<>();
      for (Map<String, Object> params : candidates) {
        List<Future<Metrics>> perFold = new ArrayList<>();
        for (Dataset<Row>[] fh : fitAndHoldOut) {
          perFold.add(pool.submit(() -> evaluate.apply(pipeline.apply(params).fit(fh[0]), fh[1])));
        }
        futures.add(perFold);
      }
      List<Candidate> scored = new ArrayList<>();
      for (int i = 0; i < candidates.size(); i++) {
        scored.add(new Candidate(i, candidates.get(i), collect(futures.get(i))));
      }
      Result unranked = new Result(config, scored, 0);
      return new Result(config, scored, unranked.ranked().get(0).index());
    } finally {
      pool.shutdownNow();
      if (folded != null) {
        folded.unpersist();
      }
    }
  }

  /** The fit and held-out rows of each fold. */
  private static List<Dataset<Row>[]> folds(Dataset<Row> folded, int k) {
    List<Dataset<Row>[]> out = new ArrayList<>();
    for (int f = 0; f < k; f++) {
      out.add(
          pair(
              folded.filter(functions.col(HashSplit.FOLD).notEqual(f)).drop(HashSplit.FOLD),
              folded.filter(functions.col(HashSplit.FOLD).equalTo(f)).drop(HashSplit.FOLD)));
    }
    return out;
  }

  /** One candidate's metric values, one per fold, waiting for its fits. */
  private static Map<String, double[]> collect(List<Future<Metrics>> perFold) {
    Map<String, double[]> metrics = new LinkedHashMap<>();
    try {
      for (int f = 0; f < perFold.size(); f++) {
        for (Map.Entry<String, Double> e : perFold.get(f).get().values().entrySet()) {
          metrics.computeIfAbsent(e.getKey(), k -> new double[perFold.size()])[f] = e.getValue();
        }
      }
      return metrics;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("hyperparameter search interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException("a search fit failed: " + cause, cause);
    }
  }

  @SuppressWarnings("unchecked")
  private static Dataset<Row>[] pair(Dataset<Row> fit, Dataset<Row> holdOut) {
    return new Dataset[] {fit, holdOut};
  }
}
