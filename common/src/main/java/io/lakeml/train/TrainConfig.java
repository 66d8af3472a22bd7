package io.lakeml.train;

import io.lakeml.config.ConfigException;
import io.lakeml.config.Settings;
import io.lakeml.ml.SplitConfig;
import io.lakeml.ml.Task;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code train { model-name, algorithm, label, positive-label, params, split, class-weights,
 * downsample, search, input, input-days, snapshot, min-rows }}. Without {@code input} the model
 * learns from the curated table's run date and the {@code input-days - 1} days before it, as of the
 * table's current snapshot, or of {@code snapshot} (an id, or a tag such as {@code
 * model_fraud_lr_v3}, which every registered model's training snapshot carries). The task follows
 * from the algorithm: a classifier with a {@code positive-label} is binary, without one multiclass;
 * regressors need a numeric label; k-means and pca take none.
 */
public record TrainConfig(
    String modelName,
    Algorithm algorithm,
    Task task,
    Map<String, Object> params,
    Optional<String> label,
    Optional<String> positiveLabel,
    SplitConfig split,
    ClassBalance balance,
    Optional<SearchConfig> search,
    Optional<String> input,
    int inputDays,
    Optional<String> snapshot,
    long minRows) {
  public TrainConfig {
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  public static TrainConfig from(Settings s) {
    s.allowOnly(
        "model-name",
        "algorithm",
        "params",
        "label",
        "positive-label",
        "split",
        "class-weights",
        "downsample",
        "search",
        "input",
        "input-days",
        "snapshot",
        "min-rows");
    String modelName = s.string("model-name");
    if (!modelName.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
      throw ConfigException.invalid(
          s.key("model-name"), modelName, "a name of letters, digits, '.', '_' or '-'");
    }
    Algorithm algorithm = s.choice("algorithm", Algorithm.class);
    Optional<String> label = s.optionalString("label").filter(l -> !l.isBlank());
    Optional<String> positive =
        s.has("positive-label") ? Optional.of(s.string("positive-label")) : Optional.empty();
    Task task = algorithm.task(positive.isPresent());
    checkLabel(s, algorithm, task, label, positive);
    Map<String, Object> params = params(s.section("params"), algorithm);
    SplitConfig split = SplitConfig.from(s.section("split"));
    if (!task.isClassification()) {
      split = split.withStratify(false);
    }
    ClassBalance balance = balance(s, task);
    Optional<SearchConfig> search =
        s.has("search")
            ? Optional.of(SearchConfig.from(s.section("search"), algorithm, task, split))
            : Optional.empty();
    checkEarlyStopping(s, params, split, search);
    Optional<String> input = s.optionalString("input").filter(i -> !i.isBlank());
    Optional<String> snapshot = s.optionalString("snapshot").filter(i -> !i.isBlank());
    if (snapshot.isPresent() && input.isPresent()) {
      throw ConfigException.invalid(
          s.key("snapshot"), snapshot.get(), "no snapshot when train.input names a folder");
    }
    return new TrainConfig(
        modelName,
        algorithm,
        task,
        params,
        label,
        positive,
        split,
        balance,
        search,
        input,
        inputDays(s, input),
        snapshot,
        s.longValue("min-rows", 2, Long.MAX_VALUE, 20));
  }

  /** The label and positive label the algorithm's task needs, and none it does not. */
  private static void checkLabel(
      Settings s,
      Algorithm algorithm,
      Task task,
      Optional<String> label,
      Optional<String> positive) {
    if (task.hasLabel() && label.isEmpty()) {
      throw ConfigException.invalid(
          s.key("label"),
          s.raw("label"),
          "the label column (" + algorithm.configName() + " learns one)");
    }
    if (!task.hasLabel() && (label.isPresent() || positive.isPresent())) {
      throw ConfigException.invalid(
          s.key(label.isPresent() ? "label" : "positive-label"),
          label.orElse(positive.orElse("")),
          "no label (" + algorithm.configName() + " is unsupervised)");
    }
    if (algorithm.kind() != Algorithm.Kind.CLASSIFIER && positive.isPresent()) {
      throw ConfigException.invalid(
          s.key("positive-label"), positive.get(), "no positive-label for a regressor");
    }
    if (algorithm.binaryOnly() && positive.isEmpty()) {
      throw ConfigException.invalid(
          s.key("positive-label"),
          null,
          "a positive-label (" + algorithm.configName() + " takes two classes only)");
    }
  }

  /** Every parameter of the algorithm, given or defaulted, checked against its spec. */
  private static Map<String, Object> params(Settings p, Algorithm algorithm) {
    p.allowOnly(algorithm.params().stream().map(ParamSpec::name).toArray(String[]::new));
    Map<String, Object> params = new LinkedHashMap<>();
    for (ParamSpec spec : algorithm.params()) {
      params.put(spec.name(), spec.read(p));
    }
    return params;
  }

  /** XGBoost stops early on the validation split: it needs one, and one fit to stop. */
  private static void checkEarlyStopping(
      Settings s, Map<String, Object> params, SplitConfig split, Optional<SearchConfig> search) {
    if (!BarrierTraining.stopsEarly(params)) {
      return;
    }
    Object rounds = params.get("num-early-stopping-rounds");
    if (split.validation() <= 0) {
      throw ConfigException.invalid(
          s.key("params.num-early-stopping-rounds"),
          rounds,
          "0 without a validation split, or set train.split.validation above 0: XGBoost stops"
              + " when its validation metric has not improved for that many rounds");
    }
    if (search.isPresent()) {
      throw ConfigException.invalid(
          s.key("params.num-early-stopping-rounds"),
          rounds,
          "0 with train.search: search num-round instead, which every candidate then trains to");
    }
  }

  private static ClassBalance balance(Settings s, Task task) {
    ClassBalance balance = ClassBalance.from(s);
    if (!task.isClassification() && (balance.weighted() || balance.maxRatio().isPresent())) {
      throw ConfigException.invalid(
          s.key(balance.weighted() ? "class-weights" : "downsample"),
          s.raw(balance.weighted() ? "class-weights" : "downsample"),
          "no class balancing for " + task.displayName());
    }
    return balance;
  }

  private static int inputDays(Settings s, Optional<String> input) {
    int inputDays = s.integer("input-days", 1, 3660, 1);
    if (input.isPresent() && inputDays != 1) {
      throw ConfigException.invalid(
          s.key("input-days"),
          inputDays,
          "1 when train.input names the data (" + input.get() + ")");
    }
    return inputDays;
  }

  /** The label column; only for tasks that have one. */
  public String requireLabel() {
    return label.orElseThrow(() -> new IllegalStateException(task + " has no label"));
  }

  /** The stratum of the split: the label for a stratified classification. */
  public Optional<String> stratum() {
    return task.isClassification() && split.stratify() ? label : Optional.empty();
  }

  /** The given parameters with some overridden (a search candidate). */
  public Map<String, Object> paramsWith(Map<String, Object> overrides) {
    Map<String, Object> out = new LinkedHashMap<>(params);
    out.putAll(overrides);
    return out;
  }
}
