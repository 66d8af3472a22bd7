package io.lakeml.features;

import java.util.List;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.sql.Dataset;

/**
 * An estimator whose fitted form is a chain of Spark's own transformers (a {@link PipelineModel}).
 * What it learns is baked into standard stages (a SQL statement, a PCA model), so the saved model
 * loads with plain Spark and never needs a lakeml class on the classpath. Configuration is fixed at
 * construction; there are no Spark params to copy.
 */
public abstract class FittedStages extends Estimator<PipelineModel> {
  private static final long serialVersionUID = 1L;
  private final String uid;

  protected FittedStages(String prefix) {
    this.uid = Identifiable$.MODULE$.randomUID(prefix);
  }

  /** Learns from the training rows and returns the stages that apply it. */
  protected abstract List<Transformer> fitStages(Dataset<?> training);

  @Override
  public String uid() {
    return uid;
  }

  @Override
  public PipelineModel fit(Dataset<?> training) {
    transformSchema(training.schema());
    return new PipelineModel(uid, fitStages(training));
  }

  @Override
  public FittedStages copy(ParamMap extra) {
    return this;
  }
}
