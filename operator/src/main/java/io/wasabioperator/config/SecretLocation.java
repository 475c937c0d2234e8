package io.wasabioperator.config;

/** A Secret named by namespace and name. */
public record SecretLocation(String namespace, String name) {
  @Override
  public String toString() {
    return namespace + "/" + name;
  }
}
