package io.lakeml.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakeml.pipeline.LakemlConfig;
import io.lakeml.pipeline.PipelineJob;
import io.lakeml.run.RunManifest;
import io.lakeml.testing.TestConfigs;
import io.lakeml.testing.TestRuns;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fraud report and the data profile page it links to in a real browser: Debian's chromium
 * (installed when missing) renders them headless from a file with no network; every image must load
 * ({@code naturalWidth > 0}), no panel may be wider than its box, nothing may be logged as an
 * error, and screenshots are kept in {@code target/report-screenshots/}.
 */
class ReportBrowserIT {
  @TempDir static Path dir;
  static Path report;

  @BeforeAll
  static void writeTheFraudReportWithAComparison() {
    String sample =
        TestConfigs.projectRoot()
            .resolve("data-samples/insurance_claims/insurance_claims.csv")
            .toUri()
            .toString();
    String lake = "lake.root=" + dir.resolve("lake").toUri();
    LakemlConfig forest =
        TestConfigs.load(
            TestConfigs.pipeline("fraud-rf.conf"),
            lake,
            "ingest.source.path=" + sample,
            "train.params.num-trees=20",
            "pipeline.steps=[ingest, train, evaluate, promote]");
    assertThat(new TestRuns().run(new PipelineJob(), forest).status())
        .isEqualTo(RunManifest.Status.SUCCEEDED);
    LakemlConfig lr =
        TestConfigs.load(
            TestConfigs.pipeline("fraud.conf"),
            lake,
            "pipeline.steps=[train, evaluate, promote]",
            "evaluate.threshold={policy=min-recall, value=0.9}",
            "evaluate.compare=[fraud_rf]");
    assertThat(new TestRuns().run(new PipelineJob(), lr).status())
        .isEqualTo(RunManifest.Status.SUCCEEDED);
    report = dir.resolve("lake/reports/fraud_lr/1/index.html");
  }

  @Test
  void everyImageLoadsAndNothingIsLoggedAsAnError() throws Exception {
    String html = Files.readString(report);
    assertThat(html)
        .contains("Decision threshold")
        .contains("recall &gt;= 0.9")
        .contains("Models compared on the same test rows")
        .contains("fraud_rf v1")
        .contains("Data quality of the training data")
        .contains("the data profile of its last day");

    // The page itself has no script; a copy gets one that reports what the browser saw.
    Path checked = dir.resolve("checked.html");
    Files.writeString(checked, html.replaceFirst("<head>", "<head>" + CHECK_SCRIPT));
    String chromium = ensureChromium();
    Path screenshots = Path.of("target", "report-screenshots");
    Files.createDirectories(screenshots);
    Path screenshot = screenshots.resolve("fraud_lr.png").toAbsolutePath();

    Result dom =
        headless(chromium, "--virtual-time-budget=10000", "--dump-dom", checked.toUri().toString());
    Matcher m = Pattern.compile("<div id=\"lakeml-check\">(.*?)</div>").matcher(dom.out());
    assertThat(m.find()).as("the check ran; browser said:\n" + dom.err()).isTrue();
    Map<String, Object> seen = io.lakeml.io.Json.readMap(m.group(1).replace("&quot;", "\""));
    assertThat(((Number) seen.get("images")).intValue()).isGreaterThanOrEqualTo(10);
    assertThat((List<?>) seen.get("broken")).as("images that did not load").isEmpty();
    assertThat((List<?>) seen.get("errors")).as("errors in the page").isEmpty();
    assertThat(dom.err()).doesNotContain("Uncaught");

    headless(
        chromium,
        "--hide-scrollbars",
        "--window-size=1400,2600",
        "--screenshot=" + screenshot,
        report.toUri().toString());
    assertThat(Files.size(screenshot)).isGreaterThan(50_000);
  }

  /**
   * The data profile page of the training data's day, which the model's report links to: every
   * column a panel with its drawings, none wider than its box, nothing logged as an error.
   */
  @Test
  void theLinkedProfilePageRendersEveryColumnWithinItsPanel() throws Exception {
    Matcher link =
        Pattern.compile("href=\"([^\"]*data-quality[^\"]*)\"").matcher(Files.readString(report));
    assertThat(link.find()).as("the report links the profile").isTrue();
    Path profile = report.getParent().resolve(link.group(1)).normalize();
    String html = Files.readString(profile);
    assertThat(html).contains("Data profile").contains("<h3>fraud_reported</h3>");

    Path checked = dir.resolve("profile-checked.html");
    Files.writeString(checked, html.replaceFirst("<head>", "<head>" + CHECK_SCRIPT));
    String chromium = ensureChromium();
    Result dom =
        headless(
            chromium,
            "--virtual-time-budget=10000",
            "--window-size=1400,2600",
            "--dump-dom",
            checked.toUri().toString());
    Matcher m = Pattern.compile("<div id=\"lakeml-check\">(.*?)</div>").matcher(dom.out());
    assertThat(m.find()).as("the check ran; browser said:\n" + dom.err()).isTrue();
    Map<String, Object> seen = io.lakeml.io.Json.readMap(m.group(1).replace("&quot;", "\""));
    int panels = html.split("<div class=\"panel\">", -1).length - 1;
    assertThat(panels).as("a panel per curated column of the fraud sample").isEqualTo(20);
    assertThat(((Number) seen.get("svgs")).intValue()).isGreaterThanOrEqualTo(panels);
    assertThat((List<?>) seen.get("overflowing")).as("panels wider than their box").isEmpty();
    assertThat((List<?>) seen.get("errors")).as("errors in the page").isEmpty();

    Path screenshot = Path.of("target", "report-screenshots", "profile.png").toAbsolutePath();
    Files.createDirectories(screenshot.getParent());
    headless(
        chromium,
        "--hide-scrollbars",
        "--window-size=1400,2600",
        "--screenshot=" + screenshot,
        profile.toUri().toString());
    assertThat(Files.size(screenshot)).isGreaterThan(50_000);
  }

  private static final String CHECK_SCRIPT =
      "<script>window.__errors=[];"
          + "window.addEventListener('error',function(e){window.__errors.push(String(e.message||(e.target&&e.target.src)))},true);"
          + "var __ce=console.error;console.error=function(){window.__errors.push(Array.prototype.join.call(arguments,' '));__ce.apply(console,arguments)};"
          + "window.addEventListener('load',function(){var imgs=Array.prototype.slice.call(document.images);"
          + "var bad=imgs.filter(function(i){return !(i.complete&&i.naturalWidth>0)}).map(function(i){return i.alt});"
          + "var d=document.createElement('div');d.id='lakeml-check';"
          + "var wide=Array.prototype.slice.call(document.querySelectorAll('.panel,figure')).filter(function(e){return e.scrollWidth>e.clientWidth+1}).map(function(e){return (e.querySelector('h3,figcaption')||e).textContent});"
          + "d.textContent=JSON.stringify({images:imgs.length,broken:bad,errors:window.__errors,svgs:document.querySelectorAll('svg').length,overflowing:wide});"
          + "document.body.appendChild(d)});</script>";

  record Result(String out, String err) {}

  /** Chromium headless, offline, with {@code options} and the page last. */
  private static Result headless(String chromium, String... options)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--no-first-run"));
    command.addAll(List.of(options));
    return run(command.toArray(String[]::new));
  }

  private static Result run(String... command) throws IOException, InterruptedException {
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("browser finished").isTrue();
    return new Result(
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /** chromium on the PATH, installed from Debian first when missing. */
  static String ensureChromium() throws IOException, InterruptedException {
    for (String dirName : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path candidate = Path.of(dirName, "chromium");
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    List<String> install = new ArrayList<>();
    if (!"root".equals(System.getProperty("user.name"))) {
      install.add("sudo");
    }
    install.addAll(List.of("apt-get", "install", "-y", "-q", "chromium"));
    Process p = new ProcessBuilder(install).inheritIO().start();
    assertThat(p.waitFor(15, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as("apt-get install chromium").isZero();
    Path installed = Path.of("/usr/bin/chromium");
    return installed.toString();
  }
}
