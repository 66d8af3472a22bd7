package io.lakeml.run;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/** What a person watching a run sees: one line per step start and end, with counts and time. */
public final class Console {
  private final PrintStream out;

  public Console(PrintStream out) {
    this.out = out;
  }

  public void info(String format, Object... args) {
    out.println("[lakeml] " + String.format(Locale.ROOT, format, args));
    out.flush();
  }

  public static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }
}
