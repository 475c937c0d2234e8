package io.wasabioperator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** How the operator verifies access to the bucket. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ProbeSpec {
  @JsonPropertyDescription("How often access is re-verified, as a duration such as 90s, 10m or 1h30m. "
      + "At least 30s. Default: the operator's probe interval (10m unless configured).")
  private String interval;

  @JsonPropertyDescription("Key of an existing object that the operator reads to prove read access when it "
      + "cannot otherwise be proven (ReadOnly mode without s3:ListBucket).")
  private String objectKey;

  public String getInterval() {
    return interval;
  }

  public void setInterval(String interval) {
    this.interval = interval;
  }

  public String getObjectKey() {
    return objectKey;
  }

  public void setObjectKey(String objectKey) {
    this.objectKey = objectKey;
  }
}
