package io.lakeml.testing;

import com.github.javaparser.JavaParser;
import com.github.javaparser.JavaToken;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.CompactConstructorDeclaration;
import com.github.javaparser.ast.body.InitializerDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Java files of a source tree as a test reads them: every reference one of lakeml's packages
 * makes to another, and every method with its length. References are read from the token stream, so
 * imports, static imports and fully qualified names in code all count, while comments and string
 * literals never do.
 */
public final class JavaSources {
  /** The root package every lakeml class lives under. */
  public static final String ROOT = "io.lakeml";

  private final Path root;
  private final List<Parsed> files;

  private record Parsed(Path file, String pkg, CompilationUnit unit) {}

  /** A use of package {@code to} in a file of package {@code from}, at a line, as written. */
  public record Reference(Path file, int line, String from, String to, String text) {
    @Override
    public String toString() {
      return file + ":" + line + " uses " + text;
    }
  }

  /** A method, constructor or initializer: where it is and how many lines it spans. */
  public record Method(Path file, String name, int firstLine, int lastLine) {
    public int lines() {
      return lastLine - firstLine + 1;
    }

    @Override
    public String toString() {
      return String.format("%s:%d %s (%d lines)", file, firstLine, name, lines());
    }
  }

  private JavaSources(Path root, List<Parsed> files) {
    this.root = root;
    this.files = files;
  }

  /** Parses every {@code .java} file under {@code root} (a module's {@code src/main/java}). */
  public static JavaSources under(Path root) {
    JavaParser parser =
        new JavaParser(
            new ParserConfiguration()
                .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17)
                .setAttributeComments(true));
    List<Parsed> parsed = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path file : walk.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
        ParseResult<CompilationUnit> result = parser.parse(file);
        CompilationUnit unit =
            result
                .getResult()
                .filter(u -> result.isSuccessful())
                .orElseThrow(
                    () ->
                        new IllegalStateException(
                            "cannot parse " + file + ": " + result.getProblems()));
        String pkg = unit.getPackageDeclaration().map(d -> d.getNameAsString()).orElse("(default)");
        parsed.add(new Parsed(root.relativize(file), pkg, unit));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + root, e);
    }
    return new JavaSources(root, parsed);
  }

  /** The module's main sources, from the repository root. */
  public static JavaSources mainOf(String module) {
    return under(TestConfigs.projectRoot().resolve(module).resolve("src/main/java"));
  }

  public Path root() {
    return root;
  }

  /** The packages of the files read. */
  public List<String> packages() {
    return files.stream().map(Parsed::pkg).distinct().sorted().toList();
  }

  /** The files of one package, relative to the root. */
  public List<Path> filesOf(String pkg) {
    return files.stream().filter(f -> f.pkg().equals(pkg)).map(Parsed::file).toList();
  }

  /** Every reference from a file to a lakeml package other than its own, in file order. */
  public List<Reference> references() {
    List<Reference> out = new ArrayList<>();
    for (Parsed f : files) {
      List<JavaToken> chain = new ArrayList<>();
      boolean inPackageDeclaration = false;
      for (JavaToken t : f.unit().getTokenRange().orElseThrow()) {
        JavaToken.Category c = t.getCategory();
        if (c.isWhitespaceOrComment()) {
          continue;
        }
        boolean identifier = c == JavaToken.Category.IDENTIFIER;
        boolean dot = t.getText().equals(".");
        boolean star = t.getText().equals("*") && !chain.isEmpty() && last(chain).equals(".");
        if (identifier || dot || star) {
          chain.add(t);
          continue;
        }
        if (!inPackageDeclaration) {
          reference(f, chain).ifPresent(out::add);
        }
        chain.clear();
        if (t.getText().equals("package")) {
          inPackageDeclaration = true;
        } else if (t.getText().equals(";")) {
          inPackageDeclaration = false;
        }
      }
    }
    return out;
  }

  /** Every method, constructor and initializer of every file. */
  public List<Method> methods() {
    List<Method> out = new ArrayList<>();
    for (Parsed f : files) {
      for (CallableDeclaration<?> m : f.unit().findAll(CallableDeclaration.class)) {
        out.add(method(f, m.getNameAsString(), m));
      }
      for (CompactConstructorDeclaration m :
          f.unit().findAll(CompactConstructorDeclaration.class)) {
        out.add(method(f, m.getNameAsString(), m));
      }
      for (InitializerDeclaration m : f.unit().findAll(InitializerDeclaration.class)) {
        out.add(method(f, m.isStatic() ? "static {}" : "{}", m));
      }
    }
    return out;
  }

  /** The methods longer than {@code limit} lines, longest first, each with file, line, length. */
  public List<String> methodsLongerThan(int limit) {
    return methods().stream()
        .filter(m -> m.lines() > limit)
        .sorted((a, b) -> Integer.compare(b.lines(), a.lines()))
        .map(Method::toString)
        .toList();
  }

  /** The public top-level types without a Javadoc comment, each as {@code file: Name}. */
  public List<String> publicTypesWithoutJavadoc() {
    List<String> out = new ArrayList<>();
    for (Parsed f : files) {
      for (TypeDeclaration<?> t : f.unit().getTypes()) {
        if (t.isPublic() && t.getJavadocComment().isEmpty()) {
          out.add(f.file() + ": " + t.getNameAsString());
        }
      }
    }
    return out;
  }

  /** The Java text of every file with its path, for searches a test makes itself. */
  public List<Path> files() {
    return files.stream().map(Parsed::file).toList();
  }

  private static Method method(Parsed f, String name, Node node) {
    return new Method(
        f.file(), name, node.getBegin().orElseThrow().line, node.getEnd().orElseThrow().line);
  }

  private static String last(List<JavaToken> chain) {
    return chain.get(chain.size() - 1).getText();
  }

  /**
   * The lakeml package a dotted name such as {@code io.lakeml.ml.Task.BINARY} or {@code
   * io.lakeml.train.*} points into: its segments up to the first that starts with a capital.
   */
  private static java.util.Optional<Reference> reference(Parsed f, List<JavaToken> chain) {
    StringBuilder text = new StringBuilder();
    chain.forEach(t -> text.append(t.getText()));
    String name = text.toString();
    if (!name.startsWith(ROOT + ".")) {
      return java.util.Optional.empty();
    }
    List<String> pkg = new ArrayList<>();
    for (String segment : name.split("\\.")) {
      if (segment.equals("*") || Character.isUpperCase(segment.charAt(0))) {
        break;
      }
      pkg.add(segment);
    }
    String to = String.join(".", pkg);
    if (to.equals(f.pkg()) || to.equals(ROOT)) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        new Reference(
            f.file(), chain.get(0).getRange().orElseThrow().begin.line, f.pkg(), to, name));
  }
}
