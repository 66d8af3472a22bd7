package io.lakeml.model;

import io.lakeml.ml.DataQualityException;
import io.lakeml.sql.Identifiers;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A batch checked against a model's input schema, ready for the model: what scoring and drift read
 * a batch through, so both see the same rows.
 *
 * @param cast the columns cast to their training type, in words
 */
public record ModelInput(Dataset<Row> rows, List<String> cast) {
  /**
   * Every input column (and id column) must be present, or the job fails naming them; a column of
   * another type fails naming the column and both types, or is cast when {@code castMismatched}
   * says so. Extra columns pass through untouched.
   */
  public static ModelInput prepare(
      Dataset<Row> batch, ModelMetadata meta, List<String> ids, boolean castMismatched) {
    StructType schema = meta.inputSchema();
    checkPresent(batch, schema, ids);
    Dataset<Row> rows = batch;
    List<String> cast = new ArrayList<>();
    List<String> mismatched = new ArrayList<>();
    for (StructField f : schema.fields()) {
      DataType actual = batch.schema().apply(f.name()).dataType();
      if (!actual.sameType(f.dataType())) {
        String what =
            String.format(
                "%s is %s, trained as %s",
                f.name(), actual.simpleString(), f.dataType().simpleString());
        if (castMismatched) {
          rows =
              rows.withColumn(
                  f.name(), functions.col(Identifiers.quote(f.name())).cast(f.dataType()));
          cast.add(what);
        } else {
          mismatched.add(what);
        }
      }
    }
    if (!mismatched.isEmpty()) {
      throw new DataQualityException(
          "the batch to score has columns of other types than the model was trained on: "
              + String.join("; ", mismatched)
              + " (set score.on-type-mismatch = cast to convert them)");
    }
    return new ModelInput(rows, List.copyOf(cast));
  }

  private static void checkPresent(Dataset<Row> batch, StructType schema, List<String> ids) {
    List<String> present = List.of(batch.columns());
    List<String> missing = new ArrayList<>();
    for (StructField f : schema.fields()) {
      if (!present.contains(f.name())) {
        missing.add(f.name());
      }
    }
    for (String id : ids) {
      if (!present.contains(id)) {
        missing.add(id);
      }
    }
    if (!missing.isEmpty()) {
      throw new DataQualityException(
          "the batch to score lacks columns "
              + missing
              + " that the model needs; it has "
              + present);
    }
  }
}
