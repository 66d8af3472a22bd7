package io.lakeml.evaluate;

import io.lakeml.config.ConfigException;
import io.lakeml.config.Settings;
import io.lakeml.model.ThresholdPolicy;
import java.util.List;

/**
 * {@code evaluate { model-version, threshold, beta, compare, report }}: which version is evaluated,
 * how its decision threshold is chosen (see {@link ThresholdPolicy}), the beta of the F-beta score,
 * other models to compare on the same test rows, and whether to write the HTML report.
 *
 * @param compare other models by name (their champion, else their latest version) or {@code
 *     name:version}
 */
public record EvaluateConfig(
    String modelVersion,
    ThresholdPolicy threshold,
    double beta,
    List<String> compare,
    boolean report) {
  public EvaluateConfig {
    compare = List.copyOf(compare);
  }

  public static EvaluateConfig from(Settings s) {
    s.allowOnly("model-version", "threshold", "beta", "compare", "report");
    List<String> compare = s.stringList("compare");
    for (String c : compare) {
      if (!c.matches("[A-Za-z0-9][A-Za-z0-9_.-]*(:([1-9][0-9]*|latest|champion))?")) {
        throw ConfigException.invalid(
            s.key("compare"), c, "model names, optionally with :<version>, :latest or :champion");
      }
    }
    return new EvaluateConfig(
        s.string("model-version", "latest"),
        ThresholdPolicy.from(s),
        s.number("beta", 1e-6, 1e6, 2.0),
        compare,
        s.bool("report", true));
  }
}
