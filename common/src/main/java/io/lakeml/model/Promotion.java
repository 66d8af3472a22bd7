package io.lakeml.model;

import io.lakeml.ml.JsonFields;
import io.lakeml.ml.Metric;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * A promotion decision: the metric and margin it was judged by, both scores on the candidate's test
 * rows when there was a champion to beat, why, and whether the candidate became champion. The
 * candidate's metadata keeps it; a champion alias records the decision that set it.
 */
public record Promotion(
    Metric metric,
    double minImprovement,
    String runId,
    String decidedAt,
    OptionalDouble candidateScore,
    OptionalDouble championScore,
    OptionalInt previousChampion,
    String reason,
    boolean promoted) {

  /** The JSON form; {@code withOutcome} adds {@code promoted} (an alias file leaves it out). */
  Map<String, Object> toMap(boolean withOutcome) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("metric", metric.configName());
    m.put("min_improvement", minImprovement);
    m.put("run_id", runId);
    m.put("decided_at", decidedAt);
    candidateScore.ifPresent(v -> m.put("candidate_score", v));
    championScore.ifPresent(v -> m.put("champion_score", v));
    previousChampion.ifPresent(v -> m.put("previous_champion", v));
    m.put("reason", reason);
    if (withOutcome) {
      m.put("promoted", promoted);
    }
    return m;
  }

  /** Reads a promotion back; an alias file, which records only promotions, reads as promoted. */
  static Optional<Promotion> fromMap(JsonFields m, boolean promotedIfAbsent) {
    if (!m.has("metric")) {
      return Optional.empty();
    }
    return Optional.of(
        new Promotion(
            Metric.byName(m.string("metric")),
            m.optionalNumber("min_improvement").orElse(0.0),
            m.optionalString("run_id").orElse(""),
            m.optionalString("decided_at").orElse(""),
            m.optionalNumber("candidate_score"),
            m.optionalNumber("champion_score"),
            m.has("previous_champion")
                ? OptionalInt.of(m.intValue("previous_champion"))
                : OptionalInt.empty(),
            m.optionalString("reason").orElse(""),
            m.bool("promoted", promotedIfAbsent)));
  }
}
