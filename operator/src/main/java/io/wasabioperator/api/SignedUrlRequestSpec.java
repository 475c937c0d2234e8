package io.wasabioperator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** What URL the user asks for. The operator never writes to it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.contentType) || (has(self.method) && self.method == 'PUT')",
    message = "contentType applies to PUT only")
// Each URL is used for at least 5s and 5% of its duration before renewal, as the operator requires.
@ValidationRule(value = "!has(self.renewBefore) || (duration(self.renewBefore) + duration('5s') <= "
    + "(has(self.duration) ? duration(self.duration) : duration('4h')) && duration(self.renewBefore).getSeconds() * 20"
    + " <= (has(self.duration) ? duration(self.duration) : duration('4h')).getSeconds() * 19)",
    message = "renewBefore must be shorter than duration (default 4h) by at least 5s and 5% of it")
public class SignedUrlRequestSpec {
  @Required
  @JsonPropertyDescription("The WasabiStorageIntegration whose bucket and credentials sign the URL.")
  private IntegrationRef integrationRef;

  @Required
  @JsonPropertyDescription("The object key: 1-1024 bytes of UTF-8, no leading '/', no control characters; inside "
      + "the integration's accessPrefix when that is set. A key ending in .mrxs (GET) signs the MIRAX slide and "
      + "every file of its companion folder.")
  @Size(min = 1, max = 1024)
  @ValidationRule(value = "!self.startsWith('/')", message = "object keys are relative to the bucket root: no leading /")
  @ValidationRule(value = "!self.matches('(^|/)[.][.]?(/|$)')",
      message = "object keys must not contain '.' or '..' segments: browsers would resolve them to another object")
  private String key;

  @JsonPropertyDescription("GET (default) or PUT. PUT is refused on a ReadOnly integration.")
  private HttpMethod method;

  @JsonPropertyDescription("PUT only: the Content-Type the upload must send; it is part of the signature.")
  @Size(max = 255)
  @Pattern("^[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+(\\s*;\\s*[A-Za-z0-9!#$&^_.+-]+=[^;]+)*$")
  private String contentType;

  @JsonPropertyDescription("How long each URL is valid, such as 4h or 90m. Default 4h; at least 1m; at most the "
      + "operator's cap (4h unless configured).")
  @Pattern(ProbeSpec.GO_DURATION)
  @ValidationRule(value = "duration(self) >= duration('1m')", message = "duration must be at least 1m")
  @ValidationRule(value = "duration(self) <= duration('168h')", message = "duration cannot exceed SigV4's 7 days")
  private String duration;

  @JsonPropertyDescription("How long before expiry the URL is renewed. Default: one third of duration; at least "
      + "5s and less than duration.")
  @Pattern(ProbeSpec.GO_DURATION)
  @ValidationRule(value = "duration(self) >= duration('5s')", message = "renewBefore must be at least 5s")
  private String renewBefore;

  @JsonPropertyDescription("The Secret that receives the URL. Default: the name of this resource.")
  @Size(min = 1, max = 253)
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?([.][a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
  private String secretName;

  @JsonPropertyDescription("Labels and annotations copied onto that Secret.")
  private SecretTemplate secretTemplate;

  public IntegrationRef getIntegrationRef() {
    return integrationRef;
  }

  public void setIntegrationRef(IntegrationRef integrationRef) {
    this.integrationRef = integrationRef;
  }

  public String getKey() {
    return key;
  }

  public void setKey(String key) {
    this.key = key;
  }

  public HttpMethod getMethod() {
    return method;
  }

  public void setMethod(HttpMethod method) {
    this.method = method;
  }

  public String getContentType() {
    return contentType;
  }

  public void setContentType(String contentType) {
    this.contentType = contentType;
  }

  public String getDuration() {
    return duration;
  }

  public void setDuration(String duration) {
    this.duration = duration;
  }

  public String getRenewBefore() {
    return renewBefore;
  }

  public void setRenewBefore(String renewBefore) {
    this.renewBefore = renewBefore;
  }

  public String getSecretName() {
    return secretName;
  }

  public void setSecretName(String secretName) {
    this.secretName = secretName;
  }

  public SecretTemplate getSecretTemplate() {
    return secretTemplate;
  }

  public void setSecretTemplate(SecretTemplate secretTemplate) {
    this.secretTemplate = secretTemplate;
  }
}
