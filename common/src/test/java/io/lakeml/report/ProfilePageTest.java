package io.lakeml.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakeml.quality.DayProfile;
import io.lakeml.quality.DayProfile.Bin;
import io.lakeml.quality.DayProfile.ColumnView;
import io.lakeml.quality.DayProfile.Kind;
import io.lakeml.quality.DayProfile.LabelSpec;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The data profile page drawn from a profile built by hand: what a reader sees of each column. */
class ProfilePageTest {
  private static Bin bin(String name, long n, long positive) {
    return new Bin(name, n, Map.of("Y", positive, "N", n - positive), Double.NaN, 1);
  }

  private static DayProfile profile(Optional<LabelSpec> label, List<String> classes) {
    List<Bin> amounts = new ArrayList<>();
    for (int i = 0; i < DayProfile.BINS; i++) {
      amounts.add(bin(Integer.toString(i), 10 + i, i));
    }
    ColumnView amount =
        new ColumnView("amount", "double", Kind.NUMERIC, 12, 0.94, 0.0, 2_000.0, amounts);
    ColumnView state =
        new ColumnView(
            "state",
            "string",
            Kind.CATEGORICAL,
            0,
            1.0,
            Double.NaN,
            Double.NaN,
            List.of(
                bin("<OH>", 120, 30),
                bin("IL", 60, 6),
                new Bin(DayProfile.OTHER, 20, Map.of("Y", 2L, "N", 18L), Double.NaN, 7)));
    ColumnView day =
        new ColumnView(
            "incident_date",
            "date",
            Kind.DATE,
            0,
            1.0,
            LocalDate.of(2026, 1, 1).toEpochDay(),
            LocalDate.of(2026, 3, 1).toEpochDay(),
            amounts);
    ColumnView empty =
        new ColumnView(
            "notes", "string", Kind.CATEGORICAL, 200, 0.0, Double.NaN, Double.NaN, List.of());
    return new DayProfile(
        "claims",
        LocalDate.of(2026, 1, 1),
        200,
        200,
        label,
        classes,
        List.of(amount, state, day, empty));
  }

  @Test
  void eachColumnIsAPanelWithItsHistogramAndTheLabelsShareBeneath() {
    String html =
        ProfilePage.page(
                profile(
                    Optional.of(new LabelSpec("fraud", true, Optional.of("Y"))), List.of("Y", "N")))
            .html("footer");

    assertThat(count(html, "<div class=\"panel\">")).isEqualTo(4);
    // amount and incident_date: histogram + share strip; state: one bar chart; notes: none.
    assertThat(count(html, "<svg")).isEqualTo(5);
    assertThat(html)
        .contains("Data profile: claims, 2026-01-01")
        .contains("Missing values")
        .contains("the share of fraud = Y among the bin")
        .contains("7 others")
        .contains("&lt;OH&gt;")
        .doesNotContain("<OH>")
        .doesNotContain("\u0000")
        .contains("2026-01-01")
        .contains("No values in the sample.");
    // The axis of amount reads its range in round figures, not raw doubles.
    assertThat(html).contains(">2000<").contains(">1000<").doesNotContain("2000.0");
  }

  @Test
  void moreClassesAreStackedAndANumericLabelShowsMeans() {
    String stacked =
        ProfilePage.page(
                profile(
                    Optional.of(new LabelSpec("species", true, Optional.empty())),
                    List.of("Y", "N")))
            .html("");
    assertThat(stacked).contains("stacked to 100 %").contains("class=\"c1\"");

    String plain = ProfilePage.page(profile(Optional.empty(), List.of())).html("");
    assertThat(count(plain, "<svg")).as("no label: histograms only").isEqualTo(3);
  }

  @Test
  void binEdgesReadAsTheColumnsValues() {
    ColumnView c = new ColumnView("x", "double", Kind.NUMERIC, 0, 1.0, 0.0, 1.0, List.of());
    assertThat(ProfilePage.value(c, 0.123456)).isEqualTo("0.123");
    assertThat(ProfilePage.value(c, 1234.5)).isEqualTo("1230");
    assertThat(ProfilePage.value(c, 123456.0)).isEqualTo("1.23e+05");
    assertThat(ProfilePage.compact(12_345)).isEqualTo("12.3k");
    assertThat(Relation.niceCeiling(0.23)).isEqualTo(0.25);
  }

  private static int count(String s, String what) {
    Matcher m = Pattern.compile(Pattern.quote(what)).matcher(s);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
