package io.lakeml.init;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a sample says about one column: its values' type (with a date format when it has one), the
 * missing-value tokens it uses, how many distinct values it has, and the values that do not fit the
 * type. Pure: built from the column's text values as read.
 */
record ColumnProfile(
    String source,
    String name,
    String type,
    Optional<String> format,
    long rows,
    long missing,
    Set<String> missingTokens,
    int distinct,
    Map<String, Long> counts,
    List<String> misfits,
    Optional<String> note) {

  /** Text read as "no value". */
  static final List<String> MISSING_TOKENS = List.of("", "?", "NA", "N/A", "null", "NULL", "None");

  /** Up to this many distinct values are counted one by one (all are told apart). */
  static final int COUNTED = 1_000;

  private static final Pattern INTEGER = Pattern.compile("[-+]?\\d{1,18}");
  private static final Pattern DECIMAL =
      Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
  private static final List<String> DATE_FORMATS =
      List.of("yyyy-MM-dd", "dd/MM/yyyy", "MM/dd/yyyy", "yyyy/MM/dd", "dd.MM.yyyy");
  private static final List<String> TIMESTAMP_FORMATS =
      List.of("yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm");

  /** At most this share of a column's values may misfit a numeric type (a stray word or two). */
  private static final double MISFIT_SHARE = 0.01;

  static ColumnProfile of(String source, String name, List<String> values) {
    Set<String> tokens = new LinkedHashSet<>();
    List<String> present = new ArrayList<>();
    for (String v : values) {
      String t = v == null ? "" : v.trim();
      if (MISSING_TOKENS.contains(t)) {
        tokens.add(t);
      } else {
        present.add(t);
      }
    }
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String v : present) {
      if (counts.size() < COUNTED || counts.containsKey(v)) {
        counts.merge(v, 1L, Long::sum);
      }
    }
    Typed typed = type(present);
    return new ColumnProfile(
        source,
        name,
        typed.type(),
        typed.format(),
        values.size(),
        values.size() - present.size(),
        tokens,
        new java.util.HashSet<>(present).size(),
        counts,
        typed.misfits(),
        typed.note());
  }

  /** The type every present value has, or nearly every value for a number. */
  private record Typed(
      String type, Optional<String> format, List<String> misfits, Optional<String> note) {}

  private static Typed type(List<String> present) {
    if (present.isEmpty()) {
      return new Typed(
          "string", Optional.empty(), List.of(), Optional.of("no value in the sample"));
    }
    for (String numeric : List.of("int", "long", "double")) {
      List<String> misfits = present.stream().filter(v -> !fits(numeric, v)).toList();
      if (misfits.isEmpty()) {
        return new Typed(numeric, Optional.empty(), List.of(), Optional.empty());
      }
      if (misfits.size() <= Math.max(1, MISFIT_SHARE * present.size())
          && misfits.size() < present.size()) {
        List<String> shown = misfits.stream().distinct().limit(3).toList();
        return new Typed(
            numeric,
            Optional.empty(),
            shown,
            Optional.of(
                misfits.size()
                    + " value(s) of "
                    + present.size()
                    + " are not numbers ("
                    + quoteAll(shown)
                    + "): such rows go to quarantine with their reason"));
      }
    }
    if (present.stream().allMatch(v -> v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false"))) {
      return new Typed("boolean", Optional.empty(), List.of(), Optional.empty());
    }
    return temporal(present);
  }

  private static Typed temporal(List<String> present) {
    for (String f : DATE_FORMATS) {
      if (present.stream().allMatch(v -> parses(v, f, false))) {
        return new Typed("date", Optional.of(f), List.of(), Optional.empty());
      }
    }
    for (String f : TIMESTAMP_FORMATS) {
      if (present.stream().allMatch(v -> parses(v, f, true))) {
        return new Typed("timestamp", Optional.of(f), List.of(), Optional.empty());
      }
    }
    List<String> used = new ArrayList<>();
    boolean allDates = true;
    for (String v : present) {
      Optional<String> f = DATE_FORMATS.stream().filter(x -> parses(v, x, false)).findFirst();
      allDates &= f.isPresent();
      f.filter(x -> !used.contains(x)).ifPresent(used::add);
    }
    if (allDates && used.size() > 1) {
      return new Typed(
          "string",
          Optional.empty(),
          List.of(),
          Optional.of(
              "dates in "
                  + used.size()
                  + " formats ("
                  + String.join(", ", used)
                  + "): kept as text; declare type = date with one format once the source agrees"
                  + " on one"));
    }
    return new Typed("string", Optional.empty(), List.of(), Optional.empty());
  }

  private static boolean fits(String type, String v) {
    if (type.equals("double")) {
      return DECIMAL.matcher(v).matches();
    }
    if (!INTEGER.matcher(v).matches()) {
      return false;
    }
    long x = Long.parseLong(v);
    return type.equals("long") || (x >= Integer.MIN_VALUE && x <= Integer.MAX_VALUE);
  }

  private static boolean parses(String v, String format, boolean time) {
    try {
      DateTimeFormatter f = DateTimeFormatter.ofPattern(format);
      if (time) {
        LocalDateTime.parse(v, f);
      } else {
        LocalDate.parse(v, f);
      }
      return true;
    } catch (DateTimeParseException | IllegalArgumentException e) {
      return false;
    }
  }

  private static String quoteAll(List<String> values) {
    return String.join(", ", values.stream().map(v -> "'" + v + "'").toList());
  }

  /** Values present (not missing). */
  long present() {
    return rows - missing;
  }

  boolean numeric() {
    return type.equals("int") || type.equals("long") || type.equals("double");
  }

  /** The present values, most frequent first. */
  List<String> byFrequency() {
    return counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .map(Map.Entry::getKey)
        .toList();
  }
}
