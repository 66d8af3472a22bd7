package io.lakeml.report;

import io.lakeml.ml.Task;
import java.util.List;

/** The part of an evaluation report that depends on the model's task, one class per task. */
interface TaskSection {
  /** The metrics shown as cards under the heading. */
  List<String> headline();

  /** The metric columns of the table of models compared on the same rows. */
  List<String> compared();

  /** Draws the task's charts and tables onto the page. */
  void render(ReportData d, HtmlPage page);

  static TaskSection of(Task task) {
    return switch (task) {
      case BINARY -> new BinarySection();
      case MULTICLASS -> new MulticlassSection();
      case REGRESSION -> new RegressionSection();
      case CLUSTERING -> new ClusteringSection();
      case PROJECTION -> new ProjectionSection();
    };
  }
}
