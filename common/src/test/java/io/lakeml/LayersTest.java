package io.lakeml;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakeml.testing.JavaSources;
import io.lakeml.testing.TestConfigs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library's layers, lowest first, and the rules its imports obey: a package uses only packages
 * of lower layers (never one of its own layer, never a higher one), and the packages form no cycle.
 * A sub-package belongs to the layer of its top-level package. The README's layout section draws
 * the same list; a package that is not in it fails the build until it is placed.
 */
class LayersTest {
  static final List<List<String>> LAYERS =
      List.of(
          List.of("config"),
          List.of("sql"),
          List.of("ml"),
          List.of("lake", "io"),
          List.of("run"),
          List.of("model"),
          List.of("quality", "features", "evaluation", "baseline"),
          List.of("explain"),
          List.of("report"),
          List.of(
              "generate", "ingest", "train", "evaluate", "promote", "score", "drift", "maintain"),
          List.of("pipeline", "init"));

  private static JavaSources sources;

  @BeforeAll
  static void read() {
    sources = JavaSources.mainOf("common");
  }

  @Test
  void everyPackageHasALayer() {
    List<String> unplaced = sources.packages().stream().filter(p -> layerOf(p).isEmpty()).toList();
    assertThat(unplaced).as("packages missing from LayersTest.LAYERS").isEmpty();
  }

  @Test
  void noPackageUsesItsOwnLayerOrAHigherOne() {
    assertThat(violations(sources)).as("imports against the layers").isEmpty();
  }

  @Test
  void packagesFormNoCycle() {
    assertThat(cycles(sources)).as("package cycles").isEmpty();
  }

  /** Every reference from a package to one of its own layer or a higher one. */
  static List<String> violations(JavaSources sources) {
    List<String> violations = new ArrayList<>();
    for (JavaSources.Reference r : sources.references()) {
      Optional<Integer> from = layerOf(r.from());
      Optional<Integer> to = layerOf(r.to());
      if (from.isPresent() && to.isPresent() && to.get() >= from.get()) {
        violations.add(
            String.format(
                "%s: %s (layer %d) may not use %s (layer %d, %s)",
                r,
                top(r.from()),
                from.get(),
                top(r.to()),
                to.get(),
                to.get().equals(from.get()) ? "its own layer" : "a higher layer"));
      }
    }
    return violations;
  }

  /** Every cycle in the package graph, each edge with the reference that makes it. */
  static List<String> cycles(JavaSources sources) {
    Map<String, Map<String, JavaSources.Reference>> edges = new TreeMap<>();
    for (JavaSources.Reference r : sources.references()) {
      edges.computeIfAbsent(r.from(), k -> new TreeMap<>()).putIfAbsent(r.to(), r);
    }
    List<String> cycles = new ArrayList<>();
    for (List<String> component : stronglyConnected(edges)) {
      if (component.size() > 1) {
        cycles.add(describe(component, edges));
      }
    }
    return cycles;
  }

  /** A cycle through the component, each edge with the file and line that makes it. */
  private static String describe(
      List<String> component, Map<String, Map<String, JavaSources.Reference>> edges) {
    Set<String> members = new TreeSet<>(component);
    StringBuilder out = new StringBuilder("cycle among " + members + ":");
    for (String from : members) {
      for (Map.Entry<String, JavaSources.Reference> e :
          edges.getOrDefault(from, Map.of()).entrySet()) {
        if (members.contains(e.getKey())) {
          out.append("\n    ").append(from).append(" -> ").append(e.getKey()).append(": ");
          out.append(e.getValue());
        }
      }
    }
    return out.toString();
  }

  /** Tarjan's algorithm over the package graph. */
  static List<List<String>> stronglyConnected(Map<String, ? extends Map<String, ?>> edges) {
    Set<String> nodes = new TreeSet<>(edges.keySet());
    edges.values().forEach(m -> nodes.addAll(m.keySet()));
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    Set<String> onStack = new TreeSet<>();
    List<List<String>> out = new ArrayList<>();
    int[] counter = {0};
    for (String n : nodes) {
      if (!index.containsKey(n)) {
        visit(n, edges, index, low, stack, onStack, out, counter);
      }
    }
    return out;
  }

  private static void visit(
      String n,
      Map<String, ? extends Map<String, ?>> edges,
      Map<String, Integer> index,
      Map<String, Integer> low,
      Deque<String> stack,
      Set<String> onStack,
      List<List<String>> out,
      int[] counter) {
    index.put(n, counter[0]);
    low.put(n, counter[0]++);
    stack.push(n);
    onStack.add(n);
    Map<String, ?> targets = edges.containsKey(n) ? edges.get(n) : Map.of();
    for (String m : targets.keySet()) {
      if (!index.containsKey(m)) {
        visit(m, edges, index, low, stack, onStack, out, counter);
        low.put(n, Math.min(low.get(n), low.get(m)));
      } else if (onStack.contains(m)) {
        low.put(n, Math.min(low.get(n), index.get(m)));
      }
    }
    if (low.get(n).equals(index.get(n))) {
      List<String> component = new ArrayList<>();
      String m;
      do {
        m = stack.pop();
        onStack.remove(m);
        component.add(m);
      } while (!m.equals(n));
      out.add(component);
    }
  }

  /**
   * The checks fail on what they exist to catch: a tree where the lowest layer uses a higher one
   * through a fully qualified name (no import) and that higher one imports it back.
   */
  @Test
  void theChecksCatchAnUpwardReferenceAndACycle(@TempDir Path tree) throws IOException {
    write(
        tree,
        "config/Settings.java",
        "package io.lakeml.config;\n"
            + "// io.lakeml.pipeline.Job in a comment does not count\n"
            + "class Settings { Object o = io.lakeml.pipeline.Job.class; String s = \"io.lakeml.run\"; }\n");
    write(
        tree,
        "pipeline/Job.java",
        "package io.lakeml.pipeline;\nimport io.lakeml.config.Settings;\nclass Job { Settings s; }\n");
    JavaSources synthetic = JavaSources.under(tree);

    assertThat(violations(synthetic))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("config/Settings.java:3 uses io.lakeml.pipeline.Job")
        .contains("config (layer 0) may not use pipeline (layer 10, a higher layer)");
    assertThat(cycles(synthetic))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("cycle among [io.lakeml.config, io.lakeml.pipeline]")
        .contains("pipeline/Job.java:2 uses io.lakeml.config.Settings");
  }

  /** The README's layout section draws the same layers, numbered from 1, lowest first. */
  @Test
  void theReadmeDrawsTheseLayers() throws IOException {
    String readme = Files.readString(TestConfigs.projectRoot().resolve("README.md"));
    for (int i = 0; i < LAYERS.size(); i++) {
      String line = String.format("(?m)^ +%d %s( |$)", i + 1, String.join(" ", LAYERS.get(i)));
      assertThat(Pattern.compile(line).matcher(readme).find())
          .as("README.md draws layer %d as '%d %s'", i + 1, i + 1, String.join(" ", LAYERS.get(i)))
          .isTrue();
    }
  }

  private static void write(Path tree, String file, String text) throws IOException {
    Path path = tree.resolve(file);
    Files.createDirectories(path.getParent());
    Files.writeString(path, text);
  }

  @Test
  void theCycleFinderFindsACycle() {
    Map<String, Map<String, Object>> edges = new LinkedHashMap<>();
    edges.put("a", Map.of("b", 1));
    edges.put("b", Map.of("c", 1));
    edges.put("c", Map.of("a", 1, "d", 1));
    assertThat(stronglyConnected(edges))
        .anySatisfy(c -> assertThat(c).containsExactlyInAnyOrder("a", "b", "c"));
  }

  private static String top(String pkg) {
    String rest = pkg.startsWith(JavaSources.ROOT + ".") ? pkg.substring(10) : pkg;
    int dot = rest.indexOf('.');
    return dot < 0 ? rest : rest.substring(0, dot);
  }

  private static Optional<Integer> layerOf(String pkg) {
    String top = top(pkg);
    for (int i = 0; i < LAYERS.size(); i++) {
      if (LAYERS.get(i).contains(top)) {
        return Optional.of(i);
      }
    }
    return Optional.empty();
  }
}
