package io.lakeml.generate;

import java.io.Serializable;

/**
 * A change of the claims' distribution, to play drift: every claim amount multiplied by {@code
 * claimScale}; {@code unknownPoliceReport} the share of claims whose police report is unknown
 * ({@code ?}, 0.30 normally); {@code newMakeShare} the share of cars of a make the generator never
 * produced before ({@value #NEW_MAKE}). The fraud label keeps its original logic, so the model sees
 * inputs it was not trained on rather than a new concept.
 */
public record Shift(double claimScale, double unknownPoliceReport, double newMakeShare)
    implements Serializable {
  public static final String NEW_MAKE = "Rivian";
  public static final String NEW_MODEL = "R1T";

  /** The generator's own distribution. */
  public static final Shift NONE = new Shift(1.0, 0.30, 0.0);

  public Shift {
    if (!(claimScale > 0)) {
      throw new IllegalArgumentException("claimScale must be > 0, got: " + claimScale);
    }
    if (unknownPoliceReport < 0 || unknownPoliceReport > 1) {
      throw new IllegalArgumentException(
          "unknownPoliceReport must be in [0, 1], got: " + unknownPoliceReport);
    }
    if (newMakeShare < 0 || newMakeShare > 1) {
      throw new IllegalArgumentException("newMakeShare must be in [0, 1], got: " + newMakeShare);
    }
  }
}
