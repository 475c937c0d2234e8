package io.wasabioperator.api;

/** The API group and version every custom resource of this operator belongs to. */
public final class ApiGroup {
  public static final String GROUP = "storage.wasabi-operator.io";
  public static final String VERSION = "v1alpha1";
  public static final String CATEGORY = "wasabi";

  private ApiGroup() {}
}
