package io.wasabioperator.install.rbac;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.wasabioperator.apiserver.rbac.RbacPolicy;
import io.wasabioperator.apiserver.rbac.ServiceAccountUser;
import io.wasabioperator.install.chart.Chart;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The chart rendered with some values: the text (it keeps the templates' comments) and the objects parsed from it. */
public record RenderedChart(String text, List<HasMetadata> objects) {

  public static RenderedChart render(Path workDir, String valuesYaml) throws IOException {
    String text = Chart.renderText(workDir, valuesYaml);
    return new RenderedChart(text, Chart.parse(text));
  }

  /** What the chart's ServiceAccount may do; built from the objects as they are now, so a test may edit them first. */
  public RbacPolicy policy() {
    return RbacPolicy.of(objects, ServiceAccountUser.ofDeployment(objects));
  }
}
