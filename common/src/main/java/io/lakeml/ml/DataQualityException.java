package io.lakeml.ml;

/**
 * The input broke a data-quality expectation (an empty input, a header that does not match the
 * schema, rows that do not add up). Jobs exit with their own code for it, distinct from a
 * configuration error and from any other failure.
 */
public final class DataQualityException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DataQualityException(String message) {
    super(message);
  }
}
