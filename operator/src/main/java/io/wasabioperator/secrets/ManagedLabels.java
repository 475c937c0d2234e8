package io.wasabioperator.secrets;

/** Labels on every object the operator creates, so they can be found and told apart from users' own. */
public final class ManagedLabels {
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String OPERATOR = "wasabi-operator";
  public static final String INTEGRATION = "storage.wasabi-operator.io/integration";
  /**
   * Put by users on the Secrets that hold key pairs (value "true"), so that the operator watches them
   * and notices a rotation within seconds. An integration's own credentials Secret must carry it (its owner's
   * consent); the platform identity's may, or is read again at each probe.
   */
  public static final String CREDENTIALS = "storage.wasabi-operator.io/credentials";

  private static final int MAX_LABEL_VALUE = 63;

  private ManagedLabels() {}

  /**
   * An object's name as a label value, which the API server takes only up to 63 characters: longer
   * names (up to 253) keep their first 46 and get a hash of the whole, so that they stay apart.
   */
  public static String nameValue(String name) {
    if (name.length() <= MAX_LABEL_VALUE) {
      return name;
    }
    return name.substring(0, MAX_LABEL_VALUE - 17) + "-" + Digests.sha256(name).substring(0, 16);
  }
}
