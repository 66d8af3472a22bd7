package io.lakeml.ml;

/**
 * What a model learns, which decides how its label is read, how rows are split, which metrics apply
 * and what scoring writes.
 */
public enum Task {
  /** Two classes; {@code train.positive-label} names the one a probability is given for. */
  BINARY("binary-classification"),
  /** Two or more classes, none singled out. */
  MULTICLASS("multiclass-classification"),
  /** A numeric label. */
  REGRESSION("regression"),
  /** No label: cluster assignments. */
  CLUSTERING("clustering"),
  /** No label: a projection onto principal components. */
  PROJECTION("projection");

  private final String displayName;

  Task(String displayName) {
    this.displayName = displayName;
  }

  public String displayName() {
    return displayName;
  }

  public boolean isClassification() {
    return this == BINARY || this == MULTICLASS;
  }

  public boolean hasLabel() {
    return this == BINARY || this == MULTICLASS || this == REGRESSION;
  }

  public static Task byDisplayName(String name) {
    for (Task t : values()) {
      if (t.displayName.equals(name)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown task: " + name);
  }
}
