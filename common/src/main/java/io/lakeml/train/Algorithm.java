package io.lakeml.train;

import io.lakeml.config.ConfigName;
import io.lakeml.ml.ModelColumns;
import io.lakeml.ml.Task;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import ml.dmlc.xgboost4j.scala.spark.XGBoostClassifier;
import ml.dmlc.xgboost4j.scala.spark.XGBoostRegressor;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.DecisionTreeClassifier;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.RandomForestClassifier;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.feature.PCA;
import org.apache.spark.ml.regression.DecisionTreeRegressor;
import org.apache.spark.ml.regression.GBTRegressor;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.ml.regression.RandomForestRegressor;

/**
 * The training algorithms lakeml knows, each with the hyperparameters it accepts (names as in
 * config, ranges checked before Spark starts). Adding one means adding a constant here: its config
 * name, what it learns, its parameter specs and how to build the Spark estimator.
 */
public enum Algorithm implements ConfigName {
  LOGISTIC_REGRESSION(
      "logistic-regression",
      Kind.CLASSIFIER,
      LogisticRegression::new,
      List.of(
          ParamSpec.ofInt("max-iter", 1, 100_000, 100),
          ParamSpec.ofDouble("reg-param", 0.0, 1e6, 0.0),
          ParamSpec.ofDouble("elastic-net-param", 0.0, 1.0, 0.0),
          ParamSpec.ofDouble("tol", 0.0, 1.0, 1e-6),
          ParamSpec.ofBoolean("fit-intercept", true),
          ParamSpec.ofBoolean("standardization", true),
          ParamSpec.ofChoice("family", "auto", "binomial", "multinomial"),
          ParamSpec.ofInt("aggregation-depth", 2, 10, 2),
          ParamSpec.ofDouble("max-block-size-in-mb", 0.0, 1e6, 0.0))),
  DECISION_TREE_CLASSIFIER(
      "decision-tree-classifier", Kind.CLASSIFIER, DecisionTreeClassifier::new, treeParams("gini")),
  RANDOM_FOREST_CLASSIFIER(
      "random-forest-classifier",
      Kind.CLASSIFIER,
      RandomForestClassifier::new,
      forestParams("gini")),
  GBT_CLASSIFIER(
      "gbt-classifier", Kind.CLASSIFIER, GBTClassifier::new, boostingParams("logistic")) {
    @Override
    public boolean binaryOnly() {
      return true;
    }
  },
  LINEAR_REGRESSION(
      "linear-regression",
      Kind.REGRESSOR,
      LinearRegression::new,
      List.of(
          ParamSpec.ofInt("max-iter", 1, 100_000, 100),
          ParamSpec.ofDouble("reg-param", 0.0, 1e6, 0.0),
          ParamSpec.ofDouble("elastic-net-param", 0.0, 1.0, 0.0),
          ParamSpec.ofDouble("tol", 0.0, 1.0, 1e-6),
          ParamSpec.ofBoolean("fit-intercept", true),
          ParamSpec.ofBoolean("standardization", true),
          ParamSpec.ofChoice("solver", "auto", "normal", "l-bfgs"),
          ParamSpec.ofInt("aggregation-depth", 2, 10, 2),
          ParamSpec.ofDouble("max-block-size-in-mb", 0.0, 1e6, 0.0))),
  DECISION_TREE_REGRESSOR(
      "decision-tree-regressor",
      Kind.REGRESSOR,
      DecisionTreeRegressor::new,
      treeParams("variance")),
  RANDOM_FOREST_REGRESSOR(
      "random-forest-regressor",
      Kind.REGRESSOR,
      RandomForestRegressor::new,
      forestParams("variance")),
  GBT_REGRESSOR(
      "gbt-regressor", Kind.REGRESSOR, GBTRegressor::new, boostingParams("squared", "absolute")),
  XGBOOST_CLASSIFIER(
      "xgboost-classifier", Kind.CLASSIFIER, XGBoostClassifier::new, xgboostParams()) {
    @Override
    public boolean barrierMode() {
      return true;
    }
  },
  XGBOOST_REGRESSOR("xgboost-regressor", Kind.REGRESSOR, XGBoostRegressor::new, xgboostParams()) {
    @Override
    public boolean barrierMode() {
      return true;
    }
  },
  K_MEANS(
      "k-means",
      Kind.CLUSTERER,
      KMeans::new,
      List.of(
          ParamSpec.ofInt("k", 2, 100_000, 2),
          ParamSpec.ofInt("max-iter", 1, 100_000, 20),
          ParamSpec.ofDouble("tol", 0.0, 1.0, 1e-4),
          ParamSpec.ofChoice("init-mode", "k-means||", "random"),
          ParamSpec.ofInt("init-steps", 1, 100, 2),
          ParamSpec.ofChoice("distance-measure", "euclidean", "cosine"),
          ParamSpec.ofChoice("solver", BlockKMeans.SOLVER, "auto", "row", "block"),
          ParamSpec.ofDouble("max-block-size-in-mb", 0.0, 1e6, 0.0))) {
    /** {@code solver = lakeml} is lakeml's own estimator; Spark's solvers are Spark's. */
    @Override
    PipelineStage newStage(Map<String, Object> params) {
      Object solver = params.getOrDefault("solver", param("solver").defaultValue());
      return isLakemlSolver("solver", solver) ? new BlockKMeans() : new KMeans();
    }
  },
  PCA_MODEL("pca", Kind.PROJECTOR, PCA::new, List.of(ParamSpec.ofInt("k", 1, 10_000, 2)));

  /** What an algorithm learns from. */
  public enum Kind {
    CLASSIFIER,
    REGRESSOR,
    CLUSTERER,
    PROJECTOR
  }

  private final String configName;
  private final Kind kind;
  private final Supplier<PipelineStage> factory;
  private final List<ParamSpec> params;

  Algorithm(String configName, Kind kind, Supplier<PipelineStage> factory, List<ParamSpec> params) {
    this.configName = configName;
    this.kind = kind;
    this.factory = factory;
    this.params = List.copyOf(params);
  }

  /**
   * The estimator for validated parameters, reading and writing the given columns. A config name is
   * the Spark parameter's name in kebab case ({@code max-iter} is {@code maxIter}), so every
   * parameter is set the same way; the seed and the weight column go to those that take them.
   */
  public PipelineStage estimator(Map<String, Object> params, ModelColumns cols, long seed) {
    PipelineStage stage = newStage(params);
    if (kind == Kind.PROJECTOR) {
      set(stage, "inputCol", cols.features());
      set(stage, "outputCol", cols.projection());
    } else {
      set(stage, "featuresCol", cols.features());
      set(stage, "predictionCol", cols.prediction());
    }
    if (kind == Kind.CLASSIFIER || kind == Kind.REGRESSOR) {
      set(stage, "labelCol", cols.label());
    }
    if (kind == Kind.CLASSIFIER) {
      set(stage, "probabilityCol", cols.probability());
      set(stage, "rawPredictionCol", cols.rawPrediction());
    }
    params.forEach(
        (name, value) -> {
          if (!isLakemlSolver(name, value)) {
            set(stage, sparkName(stage, name), value);
          }
        });
    if (stage.hasParam("seed")) {
      set(stage, "seed", seed);
    }
    if (barrierMode()) {
      // XGBoost logs every round to stdout at its default verbosity; lakeml's console says enough.
      set(stage, "verbosity", 0);
      // Each worker needs rows: without this, input that already has num-workers partitions is
      // taken as it is, and an empty one (a filtered split) fails with "Failed to create DMatrix".
      set(stage, "forceRepartition", true);
    }
    cols.weight().ifPresent(w -> set(stage, "weightCol", w));
    return stage;
  }

  /**
   * Whether this is the k-means solver that is lakeml's {@link BlockKMeans} rather than one of
   * Spark's (whose {@code solver} parameter does not know the name, so it is not passed on).
   */
  private static boolean isLakemlSolver(String name, Object value) {
    return name.equals("solver") && BlockKMeans.SOLVER.equals(value);
  }

  /** A new, unconfigured estimator for these parameters. */
  PipelineStage newStage(Map<String, Object> params) {
    return factory.get();
  }

  /** Where XGBoost reads its features: the feature vector made dense ({@link #stages}). */
  public static final String DENSE_FEATURES = "_features_dense";

  /**
   * The stages this algorithm adds after the feature stages: its estimator, and for XGBoost a
   * centring step in front of it. lakeml's feature vectors are sparse where one-hot slots make them
   * so, and XGBoost4J-Spark 3.4.0 either refuses sparse vectors (missing = NaN, its default) or,
   * with missing = 0, crashes the JVM in native code while predicting on them (seen here, SIGSEGV
   * in SparsePage::Push). Centring (x − mean, no scaling) gives dense vectors; trees split the same
   * rows either way, and the stage is plain Spark, saved with the model.
   */
  public List<PipelineStage> stages(Map<String, Object> params, ModelColumns cols, long seed) {
    PipelineStage estimator = estimator(params, cols, seed);
    if (!barrierMode()) {
      return List.of(estimator);
    }
    set(estimator, "featuresCol", DENSE_FEATURES);
    PipelineStage dense =
        new org.apache.spark.ml.feature.StandardScaler()
            .setInputCol(cols.features())
            .setOutputCol(DENSE_FEATURES)
            .setWithMean(true)
            .setWithStd(false);
    return List.of(dense, estimator);
  }

  private static void set(PipelineStage stage, String param, Object value) {
    stage.set(stage.getParam(param), value);
  }

  /**
   * The estimator's name for a config name, matched without case or separators: Spark's camel case
   * ({@code max-iter} is {@code maxIter}, {@code max-block-size-in-mb} is {@code
   * maxBlockSizeInMB}), XGBoost's own snake case for the booster's parameters ({@code max-depth} is
   * {@code max_depth}) and camel case for its Spark side ({@code num-round}).
   */
  static String sparkName(PipelineStage stage, String name) {
    String wanted = name.replace("-", "");
    for (org.apache.spark.ml.param.Param<?> p : stage.params()) {
      if (p.name().replace("_", "").equalsIgnoreCase(wanted)) {
        return p.name();
      }
    }
    return camelCase(name);
  }

  /** {@code min-instances-per-node} → {@code minInstancesPerNode}. */
  static String camelCase(String kebab) {
    StringBuilder out = new StringBuilder();
    boolean upper = false;
    for (char c : kebab.toCharArray()) {
      if (c == '-') {
        upper = true;
      } else {
        out.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return out.toString();
  }

  /** Spark's GBT classifier takes two classes only. */
  public boolean binaryOnly() {
    return false;
  }

  /**
   * Whether training runs as a Spark barrier stage (XGBoost): all its tasks start together, so it
   * needs that many free task slots and no dynamic allocation.
   */
  public boolean barrierMode() {
    return false;
  }

  /** The task for a classifier with or without a positive label; fixed for the others. */
  public Task task(boolean hasPositiveLabel) {
    return switch (kind) {
      case CLASSIFIER -> hasPositiveLabel ? Task.BINARY : Task.MULTICLASS;
      case REGRESSOR -> Task.REGRESSION;
      case CLUSTERER -> Task.CLUSTERING;
      case PROJECTOR -> Task.PROJECTION;
    };
  }

  public Kind kind() {
    return kind;
  }

  public String configName() {
    return configName;
  }

  public List<ParamSpec> params() {
    return params;
  }

  public ParamSpec param(String name) {
    return params.stream()
        .filter(p -> p.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(configName + " has no parameter " + name));
  }

  public static List<String> names() {
    return ConfigName.names(Algorithm.class);
  }

  public static Algorithm byName(String name) {
    return ConfigName.of(Algorithm.class, name.toLowerCase(Locale.ROOT), "algorithm");
  }

  private static List<ParamSpec> treeParams(String impurity) {
    return List.of(
        ParamSpec.ofInt("max-depth", 0, 30, 5),
        ParamSpec.ofInt("max-bins", 2, 100_000, 32),
        ParamSpec.ofInt("min-instances-per-node", 1, Integer.MAX_VALUE, 1),
        ParamSpec.ofDouble("min-info-gain", 0.0, Double.MAX_VALUE, 0.0),
        impurity.equals("gini")
            ? ParamSpec.ofChoice("impurity", "gini", "entropy")
            : ParamSpec.ofChoice("impurity", "variance"));
  }

  private static List<ParamSpec> forestParams(String impurity) {
    List<ParamSpec> out = new java.util.ArrayList<>(treeParams(impurity));
    out.add(ParamSpec.ofInt("num-trees", 1, 10_000, 20));
    out.add(ParamSpec.ofDouble("subsampling-rate", 1e-6, 1.0, 1.0));
    out.add(
        ParamSpec.ofChoice("feature-subset-strategy", "auto", "all", "onethird", "sqrt", "log2"));
    return out;
  }

  /**
   * XGBoost's booster parameters under their XGBoost names in kebab case, its defaults, plus the
   * Spark side: {@code num-workers} (0: every task slot of the application) and early stopping on
   * the validation split.
   */
  private static List<ParamSpec> xgboostParams() {
    return List.of(
        ParamSpec.ofInt("num-round", 1, 100_000, 100),
        ParamSpec.ofInt("max-depth", 0, 64, 6),
        ParamSpec.ofDouble("eta", 0.0, 1.0, 0.3),
        ParamSpec.ofDouble("subsample", 1e-6, 1.0, 1.0),
        ParamSpec.ofDouble("colsample-bytree", 1e-6, 1.0, 1.0),
        ParamSpec.ofDouble("min-child-weight", 0.0, Double.MAX_VALUE, 1.0),
        ParamSpec.ofDouble("lambda", 0.0, 1e6, 1.0),
        ParamSpec.ofDouble("alpha", 0.0, 1e6, 0.0),
        ParamSpec.ofDouble("gamma", 0.0, Double.MAX_VALUE, 0.0),
        ParamSpec.ofInt("max-bin", 2, 65_536, 256),
        ParamSpec.ofChoice("tree-method", "hist", "approx", "exact"),
        ParamSpec.ofInt("num-workers", 0, 100_000, 0),
        ParamSpec.ofInt("num-early-stopping-rounds", 0, 100_000, 0));
  }

  private static List<ParamSpec> boostingParams(String... losses) {
    List<ParamSpec> out = new java.util.ArrayList<>(treeParams("variance"));
    out.removeIf(p -> p.name().equals("impurity"));
    out.add(ParamSpec.ofInt("max-iter", 1, 10_000, 20));
    out.add(ParamSpec.ofDouble("step-size", 1e-6, 1.0, 0.1));
    out.add(ParamSpec.ofDouble("subsampling-rate", 1e-6, 1.0, 1.0));
    out.add(
        ParamSpec.ofChoice("feature-subset-strategy", "all", "auto", "onethird", "sqrt", "log2"));
    out.add(ParamSpec.ofChoice("loss-type", losses));
    return out;
  }
}
