package io.wasabioperator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What the operator observed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WasabiStorageIntegrationStatus {
  @JsonPropertyDescription("The metadata.generation this status describes.")
  private Long observedGeneration;

  @JsonPropertyDescription("Validated, AccessVerified and Ready, with a reason and a message saying what to do.")
  private List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("The effective storage name.")
  private String storageName;

  @JsonPropertyDescription("The effective S3 endpoint URL.")
  private String endpoint;

  @JsonPropertyDescription("ReadWrite mode: s3://<bucket>/<prefix>, where thumbnails and frames are written.")
  private String writeLocation;

  @JsonPropertyDescription("The permissions the mode needs, as the last probe found them.")
  private Permissions permissions;

  @JsonPropertyDescription("When access was last checked (RFC 3339).")
  private String lastProbeTime;

  @JsonPropertyDescription("A truncated SHA-256 of the key pair the last probe used, never the key itself: when the "
      + "credentials change, access is probed again.")
  private String credentialsFingerprint;

  @JsonPropertyDescription("The bucket policy, as compact JSON, that the bucket owner must attach for this mode.")
  private String bucketPolicy;

  @JsonPropertyDescription("The Secret the operator keeps for workloads (envFrom).")
  private String connectionSecretName;

  @JsonPropertyDescription("On the platform identity: the grant that lets this integration use it, as "
      + "WasabiPlatformGrant/<name> or its place in the operator's configuration.")
  private String platformGrant;

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }

  public String getStorageName() {
    return storageName;
  }

  public void setStorageName(String storageName) {
    this.storageName = storageName;
  }

  public String getEndpoint() {
    return endpoint;
  }

  public void setEndpoint(String endpoint) {
    this.endpoint = endpoint;
  }

  public String getWriteLocation() {
    return writeLocation;
  }

  public void setWriteLocation(String writeLocation) {
    this.writeLocation = writeLocation;
  }

  public Permissions getPermissions() {
    return permissions;
  }

  public void setPermissions(Permissions permissions) {
    this.permissions = permissions;
  }

  public String getLastProbeTime() {
    return lastProbeTime;
  }

  public void setLastProbeTime(String lastProbeTime) {
    this.lastProbeTime = lastProbeTime;
  }

  public String getCredentialsFingerprint() {
    return credentialsFingerprint;
  }

  public void setCredentialsFingerprint(String credentialsFingerprint) {
    this.credentialsFingerprint = credentialsFingerprint;
  }

  public String getBucketPolicy() {
    return bucketPolicy;
  }

  public void setBucketPolicy(String bucketPolicy) {
    this.bucketPolicy = bucketPolicy;
  }

  public String getConnectionSecretName() {
    return connectionSecretName;
  }

  public void setConnectionSecretName(String connectionSecretName) {
    this.connectionSecretName = connectionSecretName;
  }

  public String getPlatformGrant() {
    return platformGrant;
  }

  public void setPlatformGrant(String platformGrant) {
    this.platformGrant = platformGrant;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WasabiStorageIntegrationStatus s
        && Objects.equals(observedGeneration, s.observedGeneration)
        && Objects.equals(conditions, s.conditions)
        && Objects.equals(storageName, s.storageName)
        && Objects.equals(endpoint, s.endpoint)
        && Objects.equals(writeLocation, s.writeLocation)
        && Objects.equals(permissions, s.permissions)
        && Objects.equals(lastProbeTime, s.lastProbeTime)
        && Objects.equals(credentialsFingerprint, s.credentialsFingerprint)
        && Objects.equals(bucketPolicy, s.bucketPolicy)
        && Objects.equals(connectionSecretName, s.connectionSecretName)
        && Objects.equals(platformGrant, s.platformGrant);
  }

  @Override
  public int hashCode() {
    return Objects.hash(observedGeneration, conditions, storageName, endpoint, writeLocation, permissions,
        lastProbeTime, credentialsFingerprint, bucketPolicy, connectionSecretName, platformGrant);
  }
}
