package io.wasabioperator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What the operator issued, in cert-manager's vocabulary. The URL itself lives only in the Secret. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SignedUrlRequestStatus {
  @JsonPropertyDescription("The metadata.generation this status describes.")
  private Long observedGeneration;

  @JsonPropertyDescription("Ready and Issuing, with a reason and a message saying what to do.")
  private List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("When the URLs now in the Secret were signed (RFC 3339).")
  private String notBefore;

  @JsonPropertyDescription("When the URLs now in the Secret expire, exactly (RFC 3339).")
  private String notAfter;

  @JsonPropertyDescription("When the operator renews them (RFC 3339); kept while a renewal fails, so that it "
      + "shows how late the renewal is.")
  private String renewalTime;

  @JsonPropertyDescription("Incremented at every signing.")
  private Long revision;

  @JsonPropertyDescription("How many objects were signed: 1, or the slide file plus its companion files.")
  private Integer objectCount;

  @JsonPropertyDescription("The Secret that holds the URL.")
  private String secretName;

  @JsonPropertyDescription("The last value of the renew-requested-at annotation that was acted on.")
  private String lastRenewRequest;

  @JsonPropertyDescription("Failed signing attempts since the last success; drives the retry backoff.")
  private Integer failedIssuanceAttempts;

  @JsonPropertyDescription("When the last signing attempt failed (RFC 3339).")
  private String lastFailureTime;

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

  public String getNotBefore() {
    return notBefore;
  }

  public void setNotBefore(String notBefore) {
    this.notBefore = notBefore;
  }

  public String getNotAfter() {
    return notAfter;
  }

  public void setNotAfter(String notAfter) {
    this.notAfter = notAfter;
  }

  public String getRenewalTime() {
    return renewalTime;
  }

  public void setRenewalTime(String renewalTime) {
    this.renewalTime = renewalTime;
  }

  public Long getRevision() {
    return revision;
  }

  public void setRevision(Long revision) {
    this.revision = revision;
  }

  public Integer getObjectCount() {
    return objectCount;
  }

  public void setObjectCount(Integer objectCount) {
    this.objectCount = objectCount;
  }

  public String getSecretName() {
    return secretName;
  }

  public void setSecretName(String secretName) {
    this.secretName = secretName;
  }

  public String getLastRenewRequest() {
    return lastRenewRequest;
  }

  public void setLastRenewRequest(String lastRenewRequest) {
    this.lastRenewRequest = lastRenewRequest;
  }

  public Integer getFailedIssuanceAttempts() {
    return failedIssuanceAttempts;
  }

  public void setFailedIssuanceAttempts(Integer failedIssuanceAttempts) {
    this.failedIssuanceAttempts = failedIssuanceAttempts;
  }

  public String getLastFailureTime() {
    return lastFailureTime;
  }

  public void setLastFailureTime(String lastFailureTime) {
    this.lastFailureTime = lastFailureTime;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SignedUrlRequestStatus s
        && Objects.equals(observedGeneration, s.observedGeneration)
        && Objects.equals(conditions, s.conditions)
        && Objects.equals(notBefore, s.notBefore)
        && Objects.equals(notAfter, s.notAfter)
        && Objects.equals(renewalTime, s.renewalTime)
        && Objects.equals(revision, s.revision)
        && Objects.equals(objectCount, s.objectCount)
        && Objects.equals(secretName, s.secretName)
        && Objects.equals(lastRenewRequest, s.lastRenewRequest)
        && Objects.equals(failedIssuanceAttempts, s.failedIssuanceAttempts)
        && Objects.equals(lastFailureTime, s.lastFailureTime);
  }

  @Override
  public int hashCode() {
    return Objects.hash(observedGeneration, conditions, notBefore, notAfter, renewalTime, revision, objectCount,
        secretName, lastRenewRequest, failedIssuanceAttempts, lastFailureTime);
  }
}
