package io.wasabioperator.secrets;

/**
 * The Secret informers both controllers share, and the writer of the operator's own Secrets.
 *
 * @param owned the Secrets the operator made (label app.kubernetes.io/managed-by=wasabi-operator)
 * @param credentials the Secrets users labelled as holding key pairs ({@link ManagedLabels#CREDENTIALS})
 */
public record SharedSecrets(LabelledSecrets owned, LabelledSecrets credentials, SecretWriter writer)
    implements AutoCloseable {
  @Override
  public void close() {
    owned.close();
    credentials.close();
  }
}
