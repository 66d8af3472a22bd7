package io.lakeml.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * An enum whose constants have a fixed name in configuration and in the files lakeml writes ({@code
 * cross-validation}, {@code min_recall}, {@code test}). The static helpers are the one way such a
 * name is listed and looked up, so every "unknown value" error names the values there are.
 */
public interface ConfigName {
  /** The name in configuration and in written files. */
  String configName();

  /** Every constant's name, in declaration order. */
  static <E extends Enum<E> & ConfigName> List<String> names(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(ConfigName::configName).toList();
  }

  /** The constant of that name, if there is one. */
  static <E extends Enum<E> & ConfigName> Optional<E> find(Class<E> type, String name) {
    return Arrays.stream(type.getEnumConstants())
        .filter(e -> e.configName().equals(name))
        .findFirst();
  }

  /**
   * The constant of that name; fails naming the value and the ones there are, as {@code unknown
   * split 'tset'; one of train, validation, test}.
   *
   * @param what what the value is, for the message
   */
  static <E extends Enum<E> & ConfigName> E of(Class<E> type, String name, String what) {
    return find(type, name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown "
                        + what
                        + " '"
                        + name
                        + "'; one of "
                        + String.join(", ", names(type))));
  }
}
