package io.lakeml.quality;

import com.amazon.deequ.VerificationResult;
import com.amazon.deequ.VerificationRunBuilder;
import com.amazon.deequ.VerificationSuite;
import com.amazon.deequ.checks.Check;
import com.amazon.deequ.checks.CheckLevel$;
import com.amazon.deequ.checks.CheckResult;
import com.amazon.deequ.constraints.Constraint;
import com.amazon.deequ.constraints.ConstraintResult;
import com.amazon.deequ.constraints.ConstraintStatus$;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.Option;
import scala.collection.JavaConverters;

/**
 * The one place that speaks AWS Deequ's Scala API. Deequ decides what the measures ingest takes
 * during its write cannot: whether a column's values are unique, which needs every value of the
 * column at once. It runs on the staged (unpublished) rows, reading only the columns checked.
 */
public final class DeequVerifier {
  private DeequVerifier() {}

  /** The outcome of each {@code unique} check on {@code staged}; no pass when there are none. */
  public static List<CheckOutcome> unique(Dataset<Row> staged, List<QualityCheck> checks) {
    if (checks.isEmpty()) {
      return List.of();
    }
    List<String> columns = checks.stream().map(c -> c.column().orElseThrow()).distinct().toList();
    Dataset<Row> needed =
        staged.select(
            columns.stream()
                .map(c -> org.apache.spark.sql.functions.col(io.lakeml.sql.Identifiers.quote(c)))
                .toArray(org.apache.spark.sql.Column[]::new));
    VerificationRunBuilder builder = new VerificationSuite().onData(needed);
    Map<Check, QualityCheck> byCheck = new HashMap<>();
    for (QualityCheck qc : checks) {
      Check check =
          new Check(
                  qc.isError() ? CheckLevel$.MODULE$.Error() : CheckLevel$.MODULE$.Warning(),
                  qc.describe(),
                  JavaConverters.asScalaBufferConverter(new ArrayList<Constraint>())
                      .asScala()
                      .toSeq())
              .isUnique(qc.column().orElseThrow(), Option.apply(qc.describe()), Option.empty());
      byCheck.put(check, qc);
      builder = builder.addCheck(check);
    }
    VerificationResult result = builder.run();
    List<CheckOutcome> outcomes = new ArrayList<>();
    for (CheckResult checkResult :
        JavaConverters.asJavaCollection(result.checkResults().values())) {
      QualityCheck qc = byCheck.get(checkResult.check());
      for (ConstraintResult cr : JavaConverters.asJavaCollection(checkResult.constraintResults())) {
        outcomes.add(outcome(qc, cr));
      }
    }
    return outcomes;
  }

  private static CheckOutcome outcome(QualityCheck qc, ConstraintResult cr) {
    boolean passed = cr.status() == ConstraintStatus$.MODULE$.Success();
    Double actual = null;
    if (cr.metric().isDefined() && cr.metric().get().value().isSuccess()) {
      Object v = cr.metric().get().value().get();
      actual = v instanceof Number n ? n.doubleValue() : null;
    }
    String message =
        passed
            ? "ok"
            : qc.describe()
                + ": "
                + (actual == null
                    ? (cr.message().isDefined() ? cr.message().get() : "failed")
                    : String.format(
                        java.util.Locale.ROOT,
                        "%.4f of the rows hold a value no other row has, expected 1",
                        actual));
    return new CheckOutcome(qc.describe(), qc.level(), passed, actual, message);
  }
}
