package io.wasabioperator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** How the operator verifies access to the bucket. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ProbeSpec {
  @JsonPropertyDescription("How often access is re-verified, as a duration such as 90s, 10m or 1h30m. "
      + "At least 30s. Default: the operator's probe interval (10m unless configured).")
  @Pattern(GO_DURATION)
  @ValidationRule(value = "duration(self) >= duration('30s')", message = "probe.interval must be at least 30s")
  private String interval;

  @JsonPropertyDescription("Key of an existing object that the operator reads to prove read access when it "
      + "cannot otherwise be proven (ReadOnly mode without s3:ListBucket).")
  @Size(min = 1, max = 1024)
  @ValidationRule(value = "!self.startsWith('/')", message = "object keys are relative to the bucket root: no leading /")
  private String objectKey;

  /** A Go duration such as 90s, 1h30m or 1.5h; also what the API server's CEL duration() accepts. */
  public static final String GO_DURATION = "^([0-9]+([.][0-9]*)?|[.][0-9]+)(ns|us|\u00b5s|ms|s|m|h)"
      + "(([0-9]+([.][0-9]*)?|[.][0-9]+)(ns|us|\u00b5s|ms|s|m|h))*$";

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
