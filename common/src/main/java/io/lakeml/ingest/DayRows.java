package io.lakeml.ingest;

import io.lakeml.lake.FileColumnStats;
import io.lakeml.quality.DayMeasures;
import io.lakeml.quality.QualityGate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * A day's rows on their way to the two tables: the curated rows and the rejected rows as they will
 * be written, each carrying a Spark {@link Observation} that counts and measures them during their
 * write (no pass of its own), and the outlier bounds applied to them.
 */
final class DayRows {
  /** How long to wait for an observation once its write has finished. */
  private static final Duration OBSERVATION_WAIT = Duration.ofMinutes(2);

  private final Dataset<Row> curated;
  private final Dataset<Row> rejects;
  private final Observation marked;
  private final Observation rejected;
  private final List<String> rules;
  private final List<Outliers.Bounds> earlyBounds;
  private final List<Outliers.Bounds> lateBounds;
  private final List<OutlierRule> early;

  private DayRows(
      Dataset<Row> curated,
      Dataset<Row> rejects,
      Observation marked,
      Observation rejected,
      List<String> rules,
      List<OutlierRule> early,
      List<Outliers.Bounds> earlyBounds,
      List<Outliers.Bounds> lateBounds) {
    this.curated = curated;
    this.rejects = rejects;
    this.marked = marked;
    this.rejected = rejected;
    this.rules = rules;
    this.early = early;
    this.earlyBounds = earlyBounds;
    this.lateBounds = lateBounds;
  }

  /**
   * The curated and rejected rows of a shuffled day. Flag rules with statistics take them from the
   * day's accepted rows: a pass over the shuffle, not over the raw input.
   */
  static DayRows of(
      ShuffledDay day,
      IngestConfig ingest,
      List<OutlierRule> early,
      List<Outliers.Bounds> earlyBounds,
      List<OutlierRule> late,
      QualityGate gate) {
    Dataset<Row> all = RowStatus.mark(day, ingest);
    Column isAccepted = functions.col(RowStatus.COLUMN).equalTo(RowStatus.ACCEPTED);
    List<Outliers.Bounds> lateBounds = Outliers.bounds(all.filter(isAccepted), late);
    Observation marked = new Observation("ingest_rows");
    List<Column> measures = new ArrayList<>(RowStatus.counts());
    measures.addAll(gate.aggregates(isAccepted));
    Dataset<Row> observed = all.observe(marked, measures.get(0), rest(measures));
    Dataset<Row> curated =
        RowValidator.accepted(
            Outliers.apply(observed.filter(isAccepted), late, lateBounds),
            ingest,
            Outliers.flagColumns(ingest.outliers()));
    List<String> rules = RowValidator.rules(ingest);
    Observation rejected = new Observation("ingest_rejects");
    List<Column> reasons = new ArrayList<>();
    reasons.add(functions.count(functions.lit(1)).as("rows"));
    Map<String, Column> perRule = RowStatus.reasonCounts(rules);
    for (int i = 0; i < rules.size(); i++) {
      reasons.add(perRule.get(rules.get(i)).as("rule_" + i));
    }
    Dataset<Row> rejects =
        RowValidator.quarantined(
            day.rejected().observe(rejected, reasons.get(0), rest(reasons)), ingest);
    return new DayRows(curated, rejects, marked, rejected, rules, early, earlyBounds, lateBounds);
  }

  private static Column[] rest(List<Column> columns) {
    return columns.subList(1, columns.size()).toArray(Column[]::new);
  }

  /** The curated rows, without {@code run_date}. */
  Dataset<Row> curated() {
    return curated;
  }

  /** The rejected rows as they arrived, with their reasons and source file. */
  Dataset<Row> rejects() {
    return rejects;
  }

  /**
   * The day's measures, once both writes have run: rows by status and the checks' aggregates from
   * the observations, per-rule rejections, and the curated columns' file statistics.
   */
  DayMeasures measures(Map<String, FileColumnStats> fileStats) {
    Map<String, Object> counts = await(marked);
    Map<String, Object> reasons = await(rejected);
    Map<String, Long> perRule = new LinkedHashMap<>();
    for (int i = 0; i < rules.size(); i++) {
      long n = number(reasons.get("rule_" + i));
      if (n > 0) {
        perRule.put(rules.get(i), n);
      }
    }
    Map<String, FileColumnStats> columns = new LinkedHashMap<>();
    for (String c : curated.columns()) {
      if (fileStats.containsKey(c)) {
        columns.put(c, fileStats.get(c));
      }
    }
    return new DayMeasures(
        number(counts.get(RowStatus.READ)),
        number(counts.get(RowStatus.ACCEPTED)),
        number(reasons.get("rows")),
        number(counts.get(RowStatus.DUPLICATE)),
        perRule,
        counts,
        columns);
  }

  /** The bounds of every outlier rule for the report, in the order the rules are configured. */
  List<Map<String, Object>> boundsInRuleOrder(List<OutlierRule> all) {
    List<Map<String, Object>> out = new ArrayList<>();
    int e = 0;
    int l = 0;
    for (OutlierRule r : all) {
      out.add((early.contains(r) ? earlyBounds.get(e++) : lateBounds.get(l++)).toMap());
    }
    return out;
  }

  /**
   * An observation's metrics, which Spark hands over when the write that carried it has finished.
   * Bounded: Spark 3.5 can leave {@code get} waiting forever when the observed node was optimized
   * away (SPARK-54620), and a hung ingest is worse than a failed one.
   */
  private static Map<String, Object> await(Observation o) {
    CompletableFuture<Map<String, Object>> metrics =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return o.getAsJava();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
              }
            });
    try {
      return metrics.get(OBSERVATION_WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      metrics.cancel(true);
      throw new IllegalStateException(
          "ingest: Spark did not report the observation '"
              + o.name()
              + "' within "
              + OBSERVATION_WAIT.toSeconds()
              + " s of its write; nothing was published");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("ingest interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("ingest: observation failed: " + e.getCause(), e.getCause());
    }
  }

  private static long number(Object o) {
    return o instanceof Number n ? n.longValue() : 0L;
  }
}
