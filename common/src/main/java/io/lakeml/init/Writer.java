package io.lakeml.init;

import io.lakeml.init.ConfigDraft.Roles;
import io.lakeml.init.ConfigDraft.Source;
import io.lakeml.init.ConfigDraft.Task;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** The drafted configuration as HOCON text, a comment beside every decision. */
final class Writer {
  private final Source source;
  private final int rows;
  private final List<ColumnProfile> columns;
  private final ColumnProfile label;
  private final Task task;
  private final Roles roles;
  private final StringBuilder out = new StringBuilder();

  Writer(
      Source source,
      int rows,
      List<ColumnProfile> columns,
      ColumnProfile label,
      Task task,
      Roles roles) {
    this.source = source;
    this.rows = rows;
    this.columns = columns;
    this.label = label;
    this.task = task;
    this.roles = roles;
  }

  String text() {
    line("# Drafted by `lakeml init` from " + rows + " rows of " + source.path() + ".");
    line(
        "# Every choice is a comment beside its key: read them, change what you know better, then");
    line("#   bin/lakeml pipeline --conf <this file>");
    line("");
    line("dataset = " + q(source.dataset()));
    line("pipeline.steps = [ingest, train, evaluate, promote, score]");
    line("");
    ingest();
    quality();
    features();
    train();
    line("score.id-columns = [" + roles.id().map(c -> q(c.name())).orElse("") + "]");
    return out.toString();
  }

  private void ingest() {
    line("ingest {");
    line(
        "  source { path = "
            + q(source.path())
            + ", format = "
            + source.format()
            + (source.format().equals("csv") ? ", header = true" : "")
            + " }");
    Set<String> tokens = new TreeSet<>();
    columns.forEach(c -> tokens.addAll(c.missingTokens()));
    tokens.add("");
    line("  # Read as \"no value\": the tokens the sample uses for one.");
    line("  missing-values = " + list(new ArrayList<>(tokens)));
    List<ColumnProfile> renamed =
        columns.stream().filter(c -> !c.source().equals(c.name())).toList();
    if (!renamed.isEmpty() && source.format().equals("csv")) {
      line("  # Header names that are not column names, and the names they get.");
      line("  header.rename {");
      renamed.forEach(c -> line("    " + q(c.source()) + " = " + c.name()));
      line("  }");
    }
    line("  schema = [");
    columns.forEach(this::column);
    line("  ]");
    line("}");
    line("");
  }

  private void column(ColumnProfile c) {
    boolean isLabel = c == label;
    boolean classLabel = isLabel && !task.kind().equals("regression");
    StringBuilder s = new StringBuilder("    { name = ").append(c.name());
    s.append(", type = ").append(classLabel ? "string" : c.type());
    c.format().ifPresent(f -> s.append(", format = ").append(q(f)));
    if (isLabel) {
      s.append(", nullable = false");
    }
    if (classLabel || roles.categorical().contains(c)) {
      s.append(", allowed = ").append(list(sorted(c.byFrequency())));
    }
    s.append(" }");
    List<String> notes = new ArrayList<>();
    if (isLabel) {
      notes.add("the label: " + task.why());
      if (c.missing() > 0) {
        notes.add(c.missing() + " row(s) of the sample have no label and go to quarantine");
      }
    }
    c.note().ifPresent(notes::add);
    if (c.present() > 0 && c.missing() == 0 && !isLabel) {
      notes.add("no missing value in the sample");
    }
    line(s + (notes.isEmpty() ? "" : "  # " + String.join("; ", notes)));
  }

  private void quality() {
    long floor = Math.max(1, rows / 10);
    line("quality.checks = [");
    line("  # A day with fewer rows than a tenth of this sample is suspect.");
    line("  { check = row-count, min = " + floor + " }");
    line("  { check = completeness, column = " + label.name() + ", min = 1.0 }");
    line("  # More than a tenth of the rows rejected stops the day from being published.");
    line("  { check = quarantine-ratio, max = 0.10 }");
    roles
        .categorical()
        .forEach(
            c ->
                line(
                    "  { check = completeness, column = "
                        + c.name()
                        + ", min = "
                        + String.format(
                            Locale.ROOT, "%.2f", Math.max(0.0, c.present() / (double) rows - 0.05))
                        + ", level = warning }"));
    line("]");
    line("");
  }

  private void features() {
    line("features {");
    roles.leftOut().forEach((c, why) -> line("  # left out: " + c.name() + ": " + why));
    line("  numeric = " + names(roles.numeric()));
    line("  categorical = " + names(roles.categorical()));
    if (!roles.dates().isEmpty()) {
      line("  # Dates become their year, month and day of the week.");
      line("  derived = [");
      for (ColumnProfile d : roles.dates()) {
        for (String[] part :
            List.of(
                new String[] {"year", "year"},
                new String[] {"month", "month"},
                new String[] {"dow", "dayofweek"})) {
          line(
              "    { name = "
                  + d.name()
                  + "_"
                  + part[0]
                  + ", expr = "
                  + q(part[1] + "(" + d.name() + ")")
                  + " }");
        }
      }
      line("  ]");
    }
    line("}");
    line("");
  }

  private void train() {
    String algorithm =
        switch (task.kind()) {
          case "binary" -> "logistic-regression";
          case "multiclass" -> "random-forest-classifier";
          default -> "random-forest-regressor";
        };
    line("train {");
    line("  model-name = " + q(source.dataset() + "_" + task.kind()));
    line("  # " + task.kind() + ": " + task.why() + ".");
    line("  algorithm = " + algorithm);
    line("  label = " + label.name());
    task.positive().ifPresent(p -> line("  positive-label = " + q(p)));
    StringBuilder split = new StringBuilder("  split { train = 0.8, test = 0.2, seed = 42");
    roles.id().ifPresent(id -> split.append(", key = [").append(id.name()).append("]"));
    line(split + " }");
    classWeights();
    line("}");
  }

  private void classWeights() {
    if (task.kind().equals("regression")) {
      return;
    }
    List<Long> counts = new ArrayList<>(label.counts().values());
    long least = counts.stream().mapToLong(Long::longValue).min().orElse(0);
    long most = counts.stream().mapToLong(Long::longValue).max().orElse(0);
    if (most > 0 && least * 3 < most) {
      line(
          "  # Imbalanced: the rarest class has "
              + least
              + " rows against "
              + most
              + " for the most frequent; weight classes by their inverse frequency.");
      line("  class-weights = balanced");
    }
  }

  private static List<String> sorted(List<String> values) {
    return new ArrayList<>(new TreeSet<>(values));
  }

  private static String names(List<ColumnProfile> cs) {
    return "[" + String.join(", ", cs.stream().map(ColumnProfile::name).toList()) + "]";
  }

  private static String list(List<String> values) {
    Set<String> quoted = new LinkedHashSet<>();
    values.forEach(v -> quoted.add(q(v)));
    return "[" + String.join(", ", quoted) + "]";
  }

  /** A HOCON string: quoted, with JSON escapes. */
  static String q(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private void line(String s) {
    out.append(s).append('\n');
  }
}
