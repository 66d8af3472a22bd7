package io.lakeml.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class SettingsTest {
  private static Settings section(String hocon) {
    return Settings.root(ConfigFactory.parseString(hocon)).section("train");
  }

  @Test
  void wholeNumberOutOfRangeNamesKeyValueAndRange() {
    assertThatThrownBy(() -> section("train.k = 1").integer("k", 2, 100))
        .isInstanceOf(ConfigException.class)
        .hasMessage("train.k: expected a whole number in [2, 100], got: 1");
  }

  @Test
  void textWhereANumberIsExpected() {
    assertThatThrownBy(() -> section("train.k = abc").integer("k", 2, Integer.MAX_VALUE))
        .hasMessage("train.k: expected a whole number >= 2, got: 'abc'");
  }

  @Test
  void numbersGivenAsStringsAreConverted() {
    assertThat(section("train.k = \"7\"").integer("k", 2, 100)).isEqualTo(7);
    assertThat(section("train.f = \"0.25\"").number("f", 0, 1)).isEqualTo(0.25);
    assertThat(section("train.b = \"true\"").bool("b")).isTrue();
  }

  @Test
  void fractionOutOfRange() {
    assertThatThrownBy(() -> section("train.f = 1.5").number("f", 0, 1))
        .hasMessage("train.f: expected a number in [0, 1], got: 1.5");
  }

  @Test
  void booleanOfWrongText() {
    assertThatThrownBy(() -> section("train.b = maybe").bool("b"))
        .hasMessage("train.b: expected true or false, got: 'maybe'");
  }

  @Test
  void choiceListsTheChoices() {
    assertThatThrownBy(() -> section("train.a = svm").choice("a", List.of("x", "y")))
        .hasMessage("train.a: expected one of x, y, got: 'svm'");
  }

  @Test
  void requiredStringMissing() {
    assertThatThrownBy(() -> section("train.x = 1").string("label"))
        .hasMessage("train.label: expected a non-empty string, got: null");
  }

  @Test
  void unknownKeySuggestsTheNearest() {
    assertThatThrownBy(() -> section("train.max-iters = 5").allowOnly("max-iter", "reg-param"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("train.max-iters: unknown key (did you mean 'train.max-iter'?)");
  }

  @Test
  void sectionListReportsTheIndex() {
    Settings root = Settings.root(ConfigFactory.parseString("schema = [{name = a}, 3]"));
    assertThatThrownBy(() -> root.sectionList("schema"))
        .hasMessage("schema[1]: expected a section { ... }, got: 3");
  }

  @Test
  void stringMapFlattensQuotedAndNestedKeys() {
    Settings root =
        Settings.root(ConfigFactory.parseString("conf { \"spark.a.b\" = 1, spark.c.d = x }"));
    assertThat(root.stringMap("conf"))
        .containsEntry("spark.a.b", "1")
        .containsEntry("spark.c.d", "x");
  }
}
