package io.wasabioperator.config;

/** Operator configuration that cannot work; its message is the one line the operator prints before exiting. */
public class InvalidConfigurationException extends RuntimeException {
  public InvalidConfigurationException(String message) {
    super(message, null, false, false);
  }
}
