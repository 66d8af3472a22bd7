package io.lakeml.model;

import io.lakeml.ml.JsonFields;
import io.lakeml.ml.Split;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A binary model's decision threshold on the positive probability: the neutral 0.5 from training
 * until {@code evaluate} chooses one by its policy, on the validation rows where the model has them
 * (else the test rows). Scoring decides with it.
 */
public record DecisionThreshold(
    double value, Optional<ThresholdPolicy> policy, Optional<Split> chosenOn) {
  /** What training records: the neutral threshold, chosen by no policy yet. */
  public static final DecisionThreshold NEUTRAL =
      new DecisionThreshold(0.5, Optional.empty(), Optional.empty());

  /** A threshold a policy chose on some rows. */
  public static DecisionThreshold chosen(double value, ThresholdPolicy policy, Split on) {
    return new DecisionThreshold(value, Optional.of(policy), Optional.of(on));
  }

  /** The {@code threshold_policy} entry of the metadata, when a policy chose the threshold. */
  public Optional<Map<String, Object>> policyMap() {
    return policy.map(
        p -> {
          Map<String, Object> m = new LinkedHashMap<>(p.toMap());
          m.put("threshold", value);
          chosenOn.ifPresent(s -> m.put("chosen_on", s.configName()));
          return m;
        });
  }

  static DecisionThreshold fromMetadata(double value, Optional<JsonFields> policy) {
    return new DecisionThreshold(
        value,
        policy.map(ThresholdPolicy::fromMap),
        policy.flatMap(p -> p.optionalString("chosen_on")).map(Split::byName));
  }
}
