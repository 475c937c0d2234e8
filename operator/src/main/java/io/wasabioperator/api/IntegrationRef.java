package io.wasabioperator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A WasabiStorageIntegration in the same namespace; there is deliberately no namespace field. */
public class IntegrationRef {
  @Required
  @JsonPropertyDescription("Name of the WasabiStorageIntegration, in the same namespace.")
  @Size(min = 1, max = 253)
  private String name;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }
}
