package io.wasabioperator.secrets;

/** Labels on every object the operator creates, so they can be found and told apart from users' own. */
public final class ManagedLabels {
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String OPERATOR = "wasabi-operator";
  public static final String INTEGRATION = "storage.wasabi-operator.io/integration";
  /**
   * Put by users on the Secrets that hold key pairs (value "true"), so that the operator watches them
   * and notices a rotation within seconds; an unlabelled one is read again at its integration's next probe.
   */
  public static final String CREDENTIALS = "storage.wasabi-operator.io/credentials";

  private ManagedLabels() {}
}
