package io.wasabioperator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A Secret in the integration's namespace that holds an access key pair. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CredentialsSecretRef {
  @Required
  @JsonPropertyDescription("Name of the Secret, in the same namespace as the integration.")
  @Size(min = 1, max = 253)
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?([.][a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
  private String name;

  @JsonPropertyDescription("Key of the access key ID in the Secret's data. Default: accessKeyId.")
  @Pattern("^[-._a-zA-Z0-9]+$")
  @Size(min = 1, max = 253)
  private String accessKeyIdKey;

  @JsonPropertyDescription("Key of the secret access key in the Secret's data. Default: secretAccessKey.")
  @Pattern("^[-._a-zA-Z0-9]+$")
  @Size(min = 1, max = 253)
  private String secretAccessKeyKey;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getAccessKeyIdKey() {
    return accessKeyIdKey;
  }

  public void setAccessKeyIdKey(String accessKeyIdKey) {
    this.accessKeyIdKey = accessKeyIdKey;
  }

  public String getSecretAccessKeyKey() {
    return secretAccessKeyKey;
  }

  public void setSecretAccessKeyKey(String secretAccessKeyKey) {
    this.secretAccessKeyKey = secretAccessKeyKey;
  }
}
