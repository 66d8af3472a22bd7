package io.lakeml.report;

import java.util.List;

/** A regressor's report: predicted against actual, and the residuals, on a sample of test rows. */
final class RegressionSection implements TaskSection {
  @Override
  public List<String> headline() {
    return List.of("rmse", "mae", "r2", "mape", "explained_variance");
  }

  @Override
  public List<String> compared() {
    return List.of("rmse", "mae", "r2");
  }

  @Override
  public void render(ReportData d, HtmlPage page) {
    double[] actual = d.actualVsPredicted().stream().mapToDouble(p -> p[0]).toArray();
    double[] predicted = d.actualVsPredicted().stream().mapToDouble(p -> p[1]).toArray();
    double[] residual = new double[actual.length];
    for (int i = 0; i < actual.length; i++) {
      residual[i] = actual[i] - predicted[i];
    }
    page.chart(
        "predicted_vs_actual",
        "Predicted against actual (a sample of the test rows)",
        Charts.scatter(
            "Predicted vs actual",
            "actual",
            "predicted",
            List.of(new Charts.Series("rows", actual, predicted))));
    page.chart(
        "residuals",
        "Residuals (actual − predicted) against the prediction",
        Charts.scatter(
            "Residuals",
            "predicted",
            "residual",
            List.of(new Charts.Series("rows", predicted, residual))));
  }
}
