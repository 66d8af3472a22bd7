package io.lakeml.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The file {@code bin/lakeml} hands secrets over in, so they never sit on a command line: {@code
 * LAKEML_SET_FILE}, the {@code --set KEY=VALUE} overrides whose keys name secrets, one a line,
 * readable only by the user who ran the command. The driver deletes it once read.
 */
final class SecretFiles {
  static final String SET_FILE = "LAKEML_SET_FILE";

  private SecretFiles() {}

  /** The command line's overrides, then those of {@code LAKEML_SET_FILE}: it comes last. */
  static List<String> withSecretOverrides(List<String> overrides) {
    String file = System.getenv(SET_FILE);
    if (file == null || file.isBlank() || !Files.isRegularFile(Path.of(file))) {
      return overrides;
    }
    List<String> all = new ArrayList<>(overrides);
    try {
      Files.readAllLines(Path.of(file)).stream().filter(l -> !l.isBlank()).forEach(all::add);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + SET_FILE + " " + file, e);
    }
    return all;
  }

  /** Deletes the file, when there is one: called by the JVM that runs the job. */
  static void deleteAll() {
    String file = System.getenv(SET_FILE);
    if (file != null && !file.isBlank()) {
      try {
        Files.deleteIfExists(Path.of(file));
      } catch (IOException e) {
        // Left behind, it is still readable by this user only.
      }
    }
  }
}
