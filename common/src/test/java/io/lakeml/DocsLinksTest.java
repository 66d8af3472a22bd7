package io.lakeml;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakeml.testing.TestConfigs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README and the pages of docs/ link to files and headings that exist: every relative link's
 * file, and its {@code #anchor} among the target page's headings (GitHub's rule: lower case,
 * punctuation dropped, spaces as hyphens). A page moved or a heading renamed fails here, not in a
 * reader's browser.
 */
class DocsLinksTest {
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
  private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6} (.+)$");

  @Test
  void everyRelativeLinkLeadsToAFileAndHeadingThatExist() throws IOException {
    Path root = TestConfigs.projectRoot();
    List<Path> pages = new ArrayList<>(List.of(root.resolve("README.md")));
    try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    List<String> broken = new ArrayList<>();
    for (Path page : pages) {
      Matcher m = LINK.matcher(withoutCode(Files.readString(page)));
      while (m.find()) {
        String target = m.group(1);
        if (target.matches("^[a-z]+:.*")) {
          continue;
        }
        String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
        String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : "";
        Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
        if (!Files.exists(resolved)) {
          broken.add(root.relativize(page) + ": " + target + " (no such file)");
        } else if (!anchor.isEmpty() && !anchors(resolved).contains(anchor)) {
          broken.add(root.relativize(page) + ": " + target + " (no such heading)");
        }
      }
    }
    assertThat(broken).isEmpty();
    assertThat(pages).as("the README and its docs pages").hasSizeGreaterThan(10);
  }

  private static Set<String> anchors(Path page) throws IOException {
    Set<String> out = new HashSet<>();
    Matcher m = HEADING.matcher(withoutCode(Files.readString(page)));
    while (m.find()) {
      out.add(
          m.group(1)
              .strip()
              .toLowerCase(Locale.ROOT)
              .replaceAll("[^\\p{L}\\p{N} _-]", "")
              .replace(' ', '-'));
    }
    return out;
  }

  /** The text outside fenced code blocks, whose lines may start with {@code #}. */
  private static String withoutCode(String markdown) {
    return markdown.replaceAll("(?s)```.*?```", "");
  }
}
