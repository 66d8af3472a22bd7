package io.lakeml.features;

import io.lakeml.sql.Identifiers;
import io.lakeml.sql.SqlText;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Transformer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Fills missing categorical values with each column's most frequent value on the training rows
 * (ties broken by the smaller value, so the result is deterministic). Spark's {@code Imputer} is
 * numeric-only. The fitted form is a SQL statement adding one filled text column per input.
 */
public final class MostFrequentImputer extends FittedStages {
  private static final long serialVersionUID = 1L;
  private final List<String> inputs;
  private final List<String> outputs;

  public MostFrequentImputer(List<String> inputs, List<String> outputs) {
    super("mostFrequentImputer");
    this.inputs = List.copyOf(inputs);
    this.outputs = List.copyOf(outputs);
  }

  @Override
  protected List<Transformer> fitStages(Dataset<?> training) {
    List<String> items = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      String c = inputs.get(i);
      List<Row> top =
          training
              .select(functions.col(c).cast("string").as("v"))
              .filter("v IS NOT NULL")
              .groupBy("v")
              .count()
              .orderBy(functions.desc("count"), functions.asc("v"))
              .limit(1)
              .collectAsList();
      if (top.isEmpty()) {
        throw new IllegalArgumentException(
            "feature '" + c + "' is null in every training row; nothing to impute it from");
      }
      items.add(fill(c, top.get(0).getString(0), outputs.get(i)));
    }
    return List.of(SqlText.addColumns(items));
  }

  /** The select-list item filling {@code column} with {@code value} into {@code output}. */
  static String fill(String column, String value, String output) {
    return String.format(
        "coalesce(CAST(%s AS STRING), %s) AS %s",
        Identifiers.quote(column), SqlText.literal(value), Identifiers.quote(output));
  }

  @Override
  public StructType transformSchema(StructType schema) {
    StructType out = schema;
    for (int i = 0; i < inputs.size(); i++) {
      schema.apply(inputs.get(i)); // fails naming a missing column
      out = out.add(outputs.get(i), DataTypes.StringType, false);
    }
    return out;
  }
}
