package io.lakeml.train;

import io.lakeml.evaluate.Metric;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    public Map<String, Object> summary() {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("method", config.method());
      s.put("validation", config.validation());
      if (config.validation().equals("cross-validation")) {
        s.put("folds", config.folds());
      }
      s.put("metric", config.metric().configName());
      s.put("candidates", candidates.size());
      Candidate b = bestCandidate();
      s.put("best_params", b.params());
      s.put("best_mean", b.mean(config.metric().configName()));
      s.put("best_std", b.std(config.metric().configName()));
      s.put("table", "search.csv");
      return s;
    }
  }

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
      BiFunction<PipelineModel, Dataset<Row>, Map<String, Object>> evaluate) {
    List<Map<String, Object>> candidates = config.candidatesToTry();
    List<Dataset<Row>[]> fitAndHoldOut = new ArrayList<>();
    Dataset<Row> folded = null;
    if (config.validation().equals("split")) {
      fitAndHoldOut.add(pair(training, validation.orElseThrow()));
    } else {
      folded =
          HashSplit.folds(training, config.folds(), split, stratum)
              .persist(StorageLevel.MEMORY_AND_DISK());
      for (int f = 0; f < config.folds(); f++) {
        fitAndHoldOut.add(
            pair(
                folded.filter(functions.col(HashSplit.FOLD).notEqual(f)).drop(HashSplit.FOLD),
                folded.filter(functions.col(HashSplit.FOLD).equalTo(f)).drop(HashSplit.FOLD)));
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(config.parallelism());
    try {
      List<List<Future<Map<String, Object>>>> futures = new ArrayList<>();
      for (Map<String, Object> params : candidates) {
        List<Future<Map<String, Object>>> perFold = new ArrayList<>();
        for (Dataset<Row>[] fh : fitAndHoldOut) {
          perFold.add(pool.submit(() -> evaluate.apply(pipeline.apply(params).fit(fh[0]), fh[1])));
        }
        futures.add(perFold);
      }
      List<Candidate> scored = new ArrayList<>();
      for (int i = 0; i < candidates.size(); i++) {
        Map<String, double[]> metrics = new LinkedHashMap<>();
        List<Future<Map<String, Object>>> perFold = futures.get(i);
        for (int f = 0; f < perFold.size(); f++) {
          for (Map.Entry<String, Object> e : perFold.get(f).get().entrySet()) {
            if (e.getValue() instanceof Double d && !e.getKey().equals("threshold")) {
              metrics.computeIfAbsent(e.getKey(), k -> new double[perFold.size()])[f] = d;
            }
          }
        }
        scored.add(new Candidate(i, candidates.get(i), metrics));
      }
      Result unranked = new Result(config, scored, 0);
      return new Result(config, scored, unranked.ranked().get(0).index());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("hyperparameter search interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException("a search fit failed: " + cause, cause);
    } finally {
      pool.shutdownNow();
      if (folded != null) {
        folded.unpersist();
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Dataset<Row>[] pair(Dataset<Row> fit, Dataset<Row> holdOut) {
    return new Dataset[] {fit, holdOut};
  }
}
