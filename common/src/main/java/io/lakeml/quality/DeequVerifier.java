package io.lakeml.quality;

import com.amazon.deequ.AnomalyCheckConfig;
import com.amazon.deequ.VerificationResult;
import com.amazon.deequ.VerificationRunBuilder;
import com.amazon.deequ.VerificationRunBuilderWithRepository;
import com.amazon.deequ.VerificationSuite;
import com.amazon.deequ.analyzers.Analyzer;
import com.amazon.deequ.analyzers.ApproxCountDistinct;
import com.amazon.deequ.analyzers.Completeness;
import com.amazon.deequ.analyzers.Maximum;
import com.amazon.deequ.analyzers.Minimum;
import com.amazon.deequ.analyzers.Size;
import com.amazon.deequ.anomalydetection.AnomalyDetectionStrategy;
import com.amazon.deequ.anomalydetection.RelativeRateOfChangeStrategy;
import com.amazon.deequ.checks.Check;
import com.amazon.deequ.checks.CheckLevel$;
import com.amazon.deequ.checks.CheckResult;
import com.amazon.deequ.constraints.Constraint;
import com.amazon.deequ.constraints.ConstraintResult;
import com.amazon.deequ.constraints.ConstraintStatus$;
import com.amazon.deequ.metrics.DoubleMetric;
import com.amazon.deequ.metrics.Metric;
import com.amazon.deequ.repository.ResultKey;
import com.amazon.deequ.repository.fs.FileSystemMetricsRepository;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import scala.Function1;
import scala.Option;
import scala.collection.JavaConverters;

/**
 * The one place that speaks Deequ's Scala API. Evaluates the configured checks and a per-column
 * profile on a dataset in one pass, and keeps every run's metrics in a Deequ metrics repository in
 * the lake, against which the {@code *-change} checks compare today's value.
 */
public final class DeequVerifier {
  private DeequVerifier() {}

  /** The checks' outcomes and the profile of the verified rows. */
  public record Result(List<CheckOutcome> outcomes, List<ColumnProfile> profile, long rows) {}

  /**
   * @param repository a JSON file in the lake holding the metrics of earlier runs
   * @param dataSetDateMillis the run date, as Deequ orders results by it
   * @param tags identify the dataset in the repository
   */
  public static Result verify(
      SparkSession spark,
      Dataset<Row> data,
      List<QualityCheck> checks,
      String repository,
      long dataSetDateMillis,
      Map<String, String> tags) {
    FileSystemMetricsRepository repo = new FileSystemMetricsRepository(spark, repository);
    boolean hasHistory =
        !repo.load().withTagValues(scalaMap(tags)).before(dataSetDateMillis - 1).get().isEmpty();
    Suite suite =
        new Suite(
            new VerificationSuite()
                .onData(data)
                .useRepository(repo)
                .saveOrAppendResult(new ResultKey(dataSetDateMillis, scalaMap(tags))));
    for (QualityCheck qc : checks) {
      suite.add(qc, hasHistory, tags);
    }
    List<StructField> fields = List.of(data.schema().fields());
    suite.profile(fields);
    VerificationResult result = suite.builder.run();
    List<CheckOutcome> outcomes = new ArrayList<>(suite.withoutHistory);
    for (CheckResult checkResult :
        JavaConverters.asJavaCollection(result.checkResults().values())) {
      QualityCheck qc = suite.byCheck.get(checkResult.check());
      for (ConstraintResult cr : JavaConverters.asJavaCollection(checkResult.constraintResults())) {
        outcomes.add(outcome(qc, checkResult.check(), cr));
      }
    }
    Map<String, Double> metrics = metrics(result);
    return new Result(
        outcomes, profile(fields, metrics), Math.round(metrics.getOrDefault("Size|*", 0.0)));
  }

  /** The verification being assembled: Deequ's builder and what maps its results back. */
  private static final class Suite {
    VerificationRunBuilderWithRepository builder;
    final Map<Check, QualityCheck> byCheck = new HashMap<>();
    final List<CheckOutcome> withoutHistory = new ArrayList<>();

    Suite(VerificationRunBuilderWithRepository builder) {
      this.builder = builder;
    }

    void add(QualityCheck qc, boolean hasHistory, Map<String, String> tags) {
      if (qc.kind() == QualityCheck.Kind.QUARANTINE_RATIO) {
        return; // counted by the ingest itself, not from the data
      }
      if (!qc.kind().comparesHistory()) {
        Check check = check(qc);
        byCheck.put(check, qc);
        builder = (VerificationRunBuilderWithRepository) builder.addCheck(check);
        return;
      }
      if (!hasHistory) {
        withoutHistory.add(
            new CheckOutcome(
                qc.describe(), qc.level(), true, null, "no earlier run to compare with"));
        return;
      }
      RelativeRateOfChangeStrategy strategy =
          new RelativeRateOfChangeStrategy(
              rate(qc.maxDecrease(), -1), rate(qc.maxIncrease(), +1), 1);
      AnomalyCheckConfig config =
          new AnomalyCheckConfig(
              level(qc), qc.describe(), scalaMap(tags), Option.empty(), Option.empty());
      builder = addAnomalyCheck(builder, strategy, changeAnalyzer(qc), Option.apply(config));
    }

    /** Size, and per column completeness, distinct count and (numeric) minimum and maximum. */
    void profile(List<StructField> fields) {
      builder =
          (VerificationRunBuilderWithRepository)
              builder.addRequiredAnalyzer(erase(new Size(Option.empty())));
      for (StructField f : fields) {
        builder = addProfile(builder, f);
      }
    }
  }

  private static CheckOutcome outcome(QualityCheck qc, Check check, ConstraintResult cr) {
    boolean passed = cr.status() == ConstraintStatus$.MODULE$.Success();
    Double actual = null;
    if (cr.metric().isDefined() && cr.metric().get().value().isSuccess()) {
      Object v = cr.metric().get().value().get();
      actual = v instanceof Number n ? n.doubleValue() : null;
    }
    String name = qc != null ? qc.describe() : check.description();
    QualityCheck.Level level =
        qc != null
            ? qc.level()
            : (check.level() == CheckLevel$.MODULE$.Error()
                ? QualityCheck.Level.ERROR
                : QualityCheck.Level.WARNING);
    String message =
        passed ? "ok" : name + ": " + (cr.message().isDefined() ? cr.message().get() : "failed");
    return new CheckOutcome(name, level, passed, actual, message);
  }

  private static Check check(QualityCheck qc) {
    Check check =
        new Check(
            level(qc),
            qc.describe(),
            JavaConverters.asScalaBufferConverter(new ArrayList<Constraint>()).asScala().toSeq());
    Option<String> hint = Option.apply(qc.describe());
    String column = qc.column().orElse("");
    return switch (qc.kind()) {
      case ROW_COUNT -> check.hasSize(within(qc.min(), qc.max()), hint);
      case COMPLETENESS ->
          check.hasCompleteness(column, within(qc.min(), qc.max()), hint, Option.empty());
      case UNIQUE -> check.isUnique(column, hint, Option.empty());
      case ALLOWED_VALUES ->
          check.isContainedIn(
              column,
              qc.values().toArray(String[]::new),
              within(OptionalDouble.of(qc.min().orElse(1.0)), OptionalDouble.empty()),
              hint);
      case MEAN -> check.hasMean(column, within(qc.min(), qc.max()), hint);
      case STDDEV -> check.hasStandardDeviation(column, within(qc.min(), qc.max()), hint);
      default -> throw new IllegalArgumentException("not a Deequ check: " + qc.describe());
    };
  }

  private static Analyzer<?, Metric<Object>> changeAnalyzer(QualityCheck qc) {
    return qc.kind() == QualityCheck.Kind.ROW_COUNT_CHANGE
        ? castMetric(new Size(Option.empty()))
        : castMetric(new Completeness(qc.column().orElseThrow(), Option.empty(), Option.empty()));
  }

  /** Relative change bound: a decrease of 0.3 allows 0.7x, an increase of 0.5 allows 1.5x. */
  private static Option<Object> rate(OptionalDouble bound, int sign) {
    return bound.isPresent()
        ? Option.apply((Object) (1.0 + sign * bound.getAsDouble()))
        : Option.empty();
  }

  private static VerificationRunBuilderWithRepository addProfile(
      VerificationRunBuilderWithRepository builder, StructField f) {
    VerificationRunBuilder b =
        builder
            .addRequiredAnalyzer(erase(new Completeness(f.name(), Option.empty(), Option.empty())))
            .addRequiredAnalyzer(erase(new ApproxCountDistinct(f.name(), Option.empty())));
    if (f.dataType() instanceof NumericType) {
      b =
          b.addRequiredAnalyzer(erase(new Minimum(f.name(), Option.empty(), Option.empty())))
              .addRequiredAnalyzer(erase(new Maximum(f.name(), Option.empty(), Option.empty())));
    }
    return (VerificationRunBuilderWithRepository) b;
  }

  /** {@code name|instance} to value, for every metric Deequ computed. */
  private static Map<String, Double> metrics(VerificationResult result) {
    Map<String, Double> out = new HashMap<>();
    for (Metric<?> m : JavaConverters.asJavaCollection(result.metrics().values())) {
      if (m instanceof DoubleMetric d && d.value().isSuccess()) {
        out.put(d.name() + "|" + d.instance(), (Double) d.value().get());
      }
    }
    return out;
  }

  private static List<ColumnProfile> profile(List<StructField> fields, Map<String, Double> m) {
    double rows = m.getOrDefault("Size|*", 0.0);
    List<ColumnProfile> out = new ArrayList<>();
    for (StructField f : fields) {
      double completeness =
          m.getOrDefault("Completeness|" + f.name(), rows == 0 ? 1.0 : Double.NaN);
      out.add(
          new ColumnProfile(
              f.name(),
              Math.round(rows * (1.0 - completeness)),
              completeness,
              Math.round(m.getOrDefault("ApproxCountDistinct|" + f.name(), 0.0)),
              m.get("Minimum|" + f.name()),
              m.get("Maximum|" + f.name())));
    }
    return out;
  }

  private static Function1<Object, Object> within(OptionalDouble min, OptionalDouble max) {
    double lo = min.orElse(Double.NEGATIVE_INFINITY);
    double hi = max.orElse(Double.POSITIVE_INFINITY);
    return v -> {
      double d = ((Number) v).doubleValue();
      return d >= lo && d <= hi;
    };
  }

  private static scala.Enumeration.Value level(QualityCheck qc) {
    return qc.isError() ? CheckLevel$.MODULE$.Error() : CheckLevel$.MODULE$.Warning();
  }

  private static scala.collection.immutable.Map<String, String> scalaMap(Map<String, String> m) {
    return JavaConverters.mapAsScalaMapConverter(m)
        .asScala()
        .toMap(scala.Predef$.MODULE$.$conforms());
  }

  // Deequ's analyzers are typed by their state and metric; its builder takes them erased.
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Analyzer<?, Metric<?>> erase(Analyzer analyzer) {
    return analyzer;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Analyzer<?, Metric<Object>> castMetric(Analyzer analyzer) {
    return analyzer;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static VerificationRunBuilderWithRepository addAnomalyCheck(
      VerificationRunBuilderWithRepository builder,
      AnomalyDetectionStrategy strategy,
      Analyzer analyzer,
      Option<AnomalyCheckConfig> config) {
    return builder.addAnomalyCheck(strategy, analyzer, config);
  }
}
