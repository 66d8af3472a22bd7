package io.lakeml.init;

import io.lakeml.config.ConfigException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code lakeml init}: a ready pipeline configuration drafted from a sample of a data set and the
 * name of its label. Every decision — a type, a missing-value token, a renamed header, a column
 * left out, the task, the positive class, the algorithm — is written as a comment beside the key it
 * sets, so nothing is dropped without a word. Pure: a sample's text in, configuration text out.
 */
public final class ConfigDraft {
  /** Up to this many distinct values make a text column categorical. */
  static final int MAX_CATEGORIES = 20;

  /** A label with more distinct numbers than this is a regression target. */
  static final int MAX_CLASSES = 20;

  private static final Pattern ID_NAME = Pattern.compile("(^|_)(id|key|uuid|number|no)$");
  private static final List<List<String>> YES_NO =
      List.of(
          List.of("y", "n"),
          List.of("yes", "no"),
          List.of("true", "false"),
          List.of("1", "0"),
          List.of("t", "f"),
          List.of("positive", "negative"),
          List.of("fraud", "legit"));

  /** Where the sample came from and what to call things. */
  public record Source(String path, String format, String dataset, String label) {}

  private ConfigDraft() {}

  /**
   * The configuration for a sample: {@code header} names the columns as the source does, {@code
   * rows} hold their text (null for none).
   *
   * @throws ConfigException when the label is not a column or has a single value
   */
  public static String draft(Source source, List<String> header, List<List<String>> rows) {
    List<ColumnProfile> columns = profiles(header, rows);
    ColumnProfile label =
        columns.stream()
            .filter(
                c ->
                    c.name().equals(normalize(source.label()))
                        || c.source().equalsIgnoreCase(source.label()))
            .findFirst()
            .orElseThrow(
                () ->
                    ConfigException.invalid(
                        "--label",
                        source.label(),
                        "a column of " + source.path() + ": " + String.join(", ", header)));
    Task task = Task.of(label);
    Roles roles = Roles.of(columns, label);
    return new Writer(source, rows.size(), columns, label, task, roles).text();
  }

  private static List<ColumnProfile> profiles(List<String> header, List<List<String>> rows) {
    List<ColumnProfile> out = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    for (int i = 0; i < header.size(); i++) {
      String name = normalize(header.get(i));
      String unique = name;
      for (int n = 2; !names.add(unique); n++) {
        unique = name + "_" + n;
      }
      List<String> values = new ArrayList<>(rows.size());
      for (List<String> r : rows) {
        values.add(i < r.size() ? r.get(i) : null);
      }
      out.add(ColumnProfile.of(header.get(i), unique, values));
    }
    return out;
  }

  /** A header as a column name: lower case, letters, digits and single underscores. */
  static String normalize(String header) {
    String s =
        header
            .trim()
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9]+", "_")
            .replaceAll("^_+|_+$", "");
    if (s.isEmpty()) {
      return "column";
    }
    return Character.isDigit(s.charAt(0)) ? "c_" + s : s;
  }

  /** The learning task the label implies, and for a binary label its positive class. */
  record Task(String kind, Optional<String> positive, String why) {
    static Task of(ColumnProfile label) {
      int classes = label.distinct();
      if (classes < 2) {
        throw ConfigException.invalid(
            "--label",
            label.source(),
            "a column with at least two values; the sample has "
                + (classes == 0 ? "none" : "only '" + label.byFrequency().get(0) + "'")
                + ": nothing to learn (check the file, or choose another label)");
      }
      if (label.numeric() && (classes > MAX_CLASSES || label.type().equals("double"))) {
        return new Task("regression", Optional.empty(), classes + " distinct numbers");
      }
      if (classes > 2) {
        return new Task("multiclass", Optional.empty(), classes + " classes");
      }
      return binary(label);
    }

    private static Task binary(ColumnProfile label) {
      List<String> values = label.byFrequency();
      for (List<String> pair : YES_NO) {
        for (String v : values) {
          if (v.equalsIgnoreCase(pair.get(0))
              && values.stream().anyMatch(o -> o.equalsIgnoreCase(pair.get(1)))) {
            return new Task(
                "binary", Optional.of(v), "two classes; '" + v + "' reads as the positive one");
          }
        }
      }
      // No yes/no reading: the rarer class is usually the one to find.
      String rare = values.get(values.size() - 1);
      return new Task(
          "binary",
          Optional.of(rare),
          "two classes; the rarer, '" + rare + "', is taken as the positive one");
    }
  }

  /** What each column is for: an id, left out (and why), or a numeric or categorical feature. */
  record Roles(
      Optional<ColumnProfile> id,
      Map<ColumnProfile, String> leftOut,
      List<ColumnProfile> numeric,
      List<ColumnProfile> categorical,
      List<ColumnProfile> dates) {
    static Roles of(List<ColumnProfile> columns, ColumnProfile label) {
      Optional<ColumnProfile> id = Optional.empty();
      Map<ColumnProfile, String> leftOut = new LinkedHashMap<>();
      List<ColumnProfile> numeric = new ArrayList<>();
      List<ColumnProfile> categorical = new ArrayList<>();
      List<ColumnProfile> dates = new ArrayList<>();
      for (ColumnProfile c : columns) {
        if (c == label) {
          continue;
        }
        Optional<String> reason = leftOutBecause(c);
        if (id.isEmpty() && idLike(c)) {
          id = Optional.of(c);
          leftOut.put(c, "an id (a value per row): the split key, not a feature");
        } else if (reason.isPresent()) {
          leftOut.put(c, reason.get());
        } else if (c.type().equals("date") || c.type().equals("timestamp")) {
          dates.add(c);
        } else if (c.numeric()) {
          numeric.add(c);
        } else {
          categorical.add(c);
        }
      }
      return new Roles(id, leftOut, numeric, categorical, dates);
    }

    private static boolean idLike(ColumnProfile c) {
      // A few missing or repeated ids (a dirty sample) still make an id.
      boolean nearlyUnique =
          c.missing() <= 0.01 * c.rows() && c.distinct() >= 0.98 * c.present() && c.rows() > 1;
      boolean idType = c.type().equals("int") || c.type().equals("long");
      return nearlyUnique
          && ((idType && ID_NAME.matcher(c.name()).find()) || c.type().equals("string"));
    }

    private static Optional<String> leftOutBecause(ColumnProfile c) {
      if (c.present() == 0) {
        return Optional.of("no value in the sample");
      }
      if (c.distinct() == 1) {
        return Optional.of("one value only ('" + c.byFrequency().get(0) + "'): nothing to learn");
      }
      boolean text = c.type().equals("string") || c.type().equals("boolean");
      if (text && c.distinct() > Math.min(MAX_CATEGORIES, Math.max(2, c.present() / 2))) {
        return Optional.of(
            "text with " + c.distinct() + " distinct values: free text or a code, not a category");
      }
      return Optional.empty();
    }
  }
}
