package io.lakeml.run;

/** Records how long each phase of a step took, as {@code ms_<phase>} counters in the manifest. */
public final class PhaseTimer {
  private final StepRecord step;
  private long last = System.nanoTime();

  public PhaseTimer(StepRecord step) {
    this.step = step;
  }

  /** Records the time since the previous lap under {@code name}. */
  public void lap(String name) {
    long now = System.nanoTime();
    step.count(name, (now - last) / 1_000_000);
    last = now;
  }
}
