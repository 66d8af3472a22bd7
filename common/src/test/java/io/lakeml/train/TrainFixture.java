package io.lakeml.train;

import io.lakeml.io.LakeFiles;
import io.lakeml.model.ModelRegistry;
import io.lakeml.pipeline.Jobs;
import io.lakeml.pipeline.LakemlConfig;
import io.lakeml.run.RunManifest;
import io.lakeml.testing.SparkTestSession;
import io.lakeml.testing.TestConfigs;
import io.lakeml.testing.TestRuns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/**
 * Small deterministic training sets written as committed Parquet, and pipeline configs that train
 * on them: tiny, so every algorithm fits in seconds on {@code local[2]}.
 */
public final class TrainFixture {
  private TrainFixture() {}

  /**
   * {@code n} rows: id, x1, x2 (uniform, seeded), a category, a 10 %-positive binary label that
   * depends on x1 and the category, a 3-class label from x1 and x2, and a numeric target.
   */
  public static Dataset<Row> rows(int n, double positiveShare) {
    double cut = 1.0 - positiveShare;
    return SparkTestSession.get()
        .range(0, n, 1, 2)
        .selectExpr(
            "id",
            "(xxhash64(id, 1) % 100000 + 100000) % 100000 / 100000.0 AS x1",
            "(xxhash64(id, 2) % 100000 + 100000) % 100000 / 100000.0 AS x2",
            "CASE WHEN id % 3 = 0 THEN 'a' WHEN id % 3 = 1 THEN 'b' ELSE 'c' END AS cat")
        .selectExpr(
            "*",
            String.format(
                "CASE WHEN x1 * 0.8 + (CASE WHEN cat = 'a' THEN 0.2 ELSE 0.0 END)"
                    + " + ((xxhash64(id, 3) %% 1000 + 1000) %% 1000) / 10000.0 > %s"
                    + " THEN 'Y' ELSE 'N' END AS label",
                cut * 0.8 + 0.05),
            "CASE WHEN x1 < 0.33 THEN 'low' WHEN x2 < 0.5 THEN 'mid' ELSE 'high' END AS kind",
            "3.0 * x1 - 2.0 * x2 + CASE WHEN cat = 'b' THEN 1.0 ELSE 0.0 END"
                + " + ((xxhash64(id, 4) % 1000 + 1000) % 1000) / 5000.0 AS target");
  }

  /** Writes rows as a committed Parquet dataset; returns its URI. */
  public static String write(Dataset<Row> rows, Path dir) {
    String path = dir.toUri().toString();
    rows.write().mode(SaveMode.Overwrite).parquet(path);
    return path;
  }

  /** A pipeline config training on {@code data} into a lake under {@code lake}. */
  public static LakemlConfig config(Path lake, String data, String hocon, String... sets) {
    try {
      Files.createDirectories(lake);
      Path file = Files.createTempFile(lake, "pipeline", ".conf");
      Files.writeString(
          file,
          "dataset = fixture\n"
              + "lake.root = \""
              + lake.toUri()
              + "\"\n"
              + "pipeline.steps = [train]\n"
              + "train.input = \""
              + data
              + "\"\n"
              + hocon);
      return TestConfigs.load(file, sets);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Two train runs of one configuration into one lake, and the registry they registered in. */
  public record WeightedPair(
      ModelRegistry registry, RunManifest unweighted, RunManifest weighted) {}

  /**
   * Trains {@code hocon} (without a model name) twice into the lake under {@code lake}: as model
   * {@code unweighted}, then as {@code weighted} with balanced class weights.
   */
  public static WeightedPair trainUnweightedAndWeighted(Path lake, String data, String hocon) {
    LakemlConfig plain = config(lake, data, hocon, "train.model-name=unweighted");
    LakemlConfig weighted =
        config(lake, data, hocon, "train.model-name=weighted", "train.class-weights=balanced");
    RunManifest first = new TestRuns().run(Jobs.byName("train"), plain);
    RunManifest second = new TestRuns().run(Jobs.byName("train"), weighted);
    return new WeightedPair(registry(plain), first, second);
  }

  public static ModelRegistry registry(LakemlConfig config) {
    return new ModelRegistry(config.lake(), LakeFiles.of(SparkTestSession.get()));
  }
}
