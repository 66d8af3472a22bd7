package io.lakeml.io;

import io.lakeml.ml.DataQualityException;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads lakeml's own outputs only once they are complete: a partition folder counts when its {@code
 * _SUCCESS} marker exists, which the output committer writes last. Half-written output from a
 * failed run is never read.
 */
public final class CommittedData {
  public static final String SUCCESS = "_SUCCESS";

  private CommittedData() {}

  public static boolean isCommitted(LakeFiles files, String folder) {
    return files.exists(folder + "/" + SUCCESS);
  }

  /** The Parquet folder at {@code path}, which must be committed. */
  public static Dataset<Row> parquet(SparkSession spark, String path) {
    return parquet(spark, List.of(path));
  }

  /** Committed Parquet folders of one schema (days of a dataset) read as one dataset. */
  public static Dataset<Row> parquet(SparkSession spark, List<String> paths) {
    if (paths.isEmpty()) {
      throw new IllegalArgumentException("no folders to read");
    }
    LakeFiles files = LakeFiles.of(spark);
    for (String path : paths) {
      if (!isCommitted(files, path)) {
        throw new DataQualityException(
            path
                + " is not a complete dataset (no "
                + SUCCESS
                + "): it is missing or a run that wrote it failed");
      }
    }
    return spark.read().parquet(paths.toArray(String[]::new));
  }
}
