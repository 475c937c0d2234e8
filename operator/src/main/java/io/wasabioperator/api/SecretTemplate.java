package io.wasabioperator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Map;

/** Labels and annotations copied onto the Secret that receives the URL. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecretTemplate {
  @JsonPropertyDescription("Labels for the Secret. The operator's own labels win over these.")
  private Map<String, String> labels;

  @JsonPropertyDescription("Annotations for the Secret. The operator's own annotations win over these.")
  private Map<String, String> annotations;

  public Map<String, String> getLabels() {
    return labels;
  }

  public void setLabels(Map<String, String> labels) {
    this.labels = labels;
  }

  public Map<String, String> getAnnotations() {
    return annotations;
  }

  public void setAnnotations(Map<String, String> annotations) {
    this.annotations = annotations;
  }
}
