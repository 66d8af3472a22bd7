package io.lakeml.ml;

/**
 * A batch drifted past an alert threshold and the configuration asks for the run to say so. Raised
 * after every result was written (the drift step itself succeeded); jobs exit with their own code
 * for it, so a scheduler can page someone without treating the run as broken.
 */
public final class DriftAlertException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DriftAlertException(String message) {
    super(message);
  }
}
