package io.wasabioperator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** What the operator observed of a grant. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WasabiPlatformGrantStatus {
  @JsonPropertyDescription("How many integrations use the platform identity through this grant.")
  private Integer integrations;

  public Integer getIntegrations() {
    return integrations;
  }

  public void setIntegrations(Integer integrations) {
    this.integrations = integrations;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WasabiPlatformGrantStatus other && Objects.equals(integrations, other.integrations);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(integrations);
  }
}
