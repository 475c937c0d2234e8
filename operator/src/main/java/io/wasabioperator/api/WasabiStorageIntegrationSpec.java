package io.wasabioperator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * What the user asks for. The operator never writes to it: defaults live in the operator and in status.
 * The simple rules are in the CRD too, so an API server refuses bad input at apply time; the
 * operator checks them again for API servers that predate CEL.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.prefix) || self.mode == 'ReadWrite'",
    message = "prefix is only used in ReadWrite mode; remove it or set mode: ReadWrite")
// Both folders compared as the operator normalises them: no leading '/', one trailing '/'.
@ValidationRule(value = "!has(self.prefix) || !has(self.accessPrefix) || self.accessPrefix in ['', '/'] || "
    + "((self.prefix.startsWith('/') ? self.prefix.substring(1) : self.prefix) + '/').startsWith("
    + "(self.accessPrefix.startsWith('/') ? self.accessPrefix.substring(1) : self.accessPrefix)"
    + " + (self.accessPrefix.endsWith('/') ? '' : '/'))",
    message = "prefix must lie inside accessPrefix, the only folder the bucket policy grants")
public class WasabiStorageIntegrationSpec {
  @Required
  @JsonPropertyDescription("Wasabi bucket name: 3-63 lowercase letters, digits and hyphens, starting and ending "
      + "with a letter or digit, not shaped like an IP address. Dots are refused: Wasabi cannot serve such "
      + "a bucket over virtual-host HTTPS.")
  @Size(min = 3, max = 63)
  @ValidationRule(value = "!self.contains('.')",
      message = "bucket names with dots cannot be served by Wasabi over virtual-host HTTPS; use hyphens")
  @ValidationRule(value = "self.matches('^[a-z0-9][a-z0-9.-]*[a-z0-9]$')",
      message = "bucket names use lowercase letters, digits and hyphens, and start and end with a letter or digit")
  @ValidationRule(value = "!self.matches('^[0-9]+[.][0-9]+[.][0-9]+[.][0-9]+$')",
      message = "bucket names cannot be shaped like an IP address")
  private String bucket;

  @Required
  @JsonPropertyDescription("Wasabi region of the bucket, for example us-east-1 or eu-central-2. "
      + "The endpoint is https://s3.<region>.wasabisys.com.")
  @Size(max = 32)
  @ValidationRule(value = "self in ['us-east-1', 'us-east-2', 'us-central-1', 'us-west-1', 'us-west-2', "
      + "'ca-central-1', 'eu-central-1', 'eu-central-2', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-south-1', "
      + "'ap-northeast-1', 'ap-northeast-2', 'ap-southeast-1', 'ap-southeast-2']",
      message = "region must be one of the 16 Wasabi regions, such as us-east-1 or eu-central-2")
  private String region;

  @Required
  @JsonPropertyDescription("ReadWrite lets the platform write thumbnails and extracted video frames back to the "
      + "bucket; ReadOnly means the bucket owner pre-extracts them.")
  private AccessMode mode;

  @JsonPropertyDescription("ReadWrite only: the folder where thumbnails and video frames are written, from the "
      + "bucket root. Default: data/ under accessPrefix. No '..', no empty segments, at most 512 bytes.")
  @Size(min = 1, max = 512)
  @ValidationRule(value = PATH_RULE, message = PATH_MESSAGE)
  private String prefix;

  @JsonPropertyDescription("Partial bucket access: the only folder the bucket policy grants, for example "
      + "my_subfolder/. The write prefix must lie inside it. Default: the whole bucket.")
  @Size(max = 512)
  @ValidationRule(value = PATH_RULE, message = PATH_MESSAGE)
  private String accessPrefix;

  @JsonPropertyDescription("true to support MIRAX (.mrxs) slides, whose companion folders must be listed; "
      + "needs s3:ListBucket. Default: false.")
  private Boolean mirax;

  @JsonPropertyDescription("The name the platform uses for this storage when items are registered. Unique per "
      + "namespace: the oldest integration claiming a name keeps it. Default: the bucket name.")
  @Size(min = 1, max = 253)
  private String storageName;

  @JsonPropertyDescription("A Secret in the same namespace holding the access key pair to use. When absent, "
      + "the operator's platform identity is used.")
  private CredentialsSecretRef credentialsSecretRef;

  @JsonPropertyDescription("The principal that the rendered bucket policy grants, for example "
      + "arn:aws:iam::100000274636:user/darwin. Default: the operator's platform principal.")
  @Pattern("^arn:aws:iam::[0-9]{12}:[A-Za-z0-9+=,.@_/-]+$")
  private String principalArn;

  @JsonPropertyDescription("Override of the S3 endpoint URL (an S3-compatible service, a private endpoint); "
      + "path-style addressing is used with it. http:// is refused unless the operator allows it.")
  @Size(max = 2048)
  @ValidationRule(value = "self.matches('^https?://[^/?#@]+/?$')",
      message = "endpoint must be a bare https://host[:port] URL, without credentials, path or query")
  private String endpoint;

  @JsonPropertyDescription("How and how often access is verified.")
  private ProbeSpec probe;

  static final String PATH_RULE = "!self.matches('(^|/)[.][.]?(/|$)') && !self.contains('//') && !self.contains('*')"
      + " && !self.contains('?') && !self.contains('${')";
  static final String PATH_MESSAGE = "folders must not contain '.', '..' or empty segments, nor the policy wildcards "
      + "*, ? and ${";

  public String getBucket() {
    return bucket;
  }

  public void setBucket(String bucket) {
    this.bucket = bucket;
  }

  public String getRegion() {
    return region;
  }

  public void setRegion(String region) {
    this.region = region;
  }

  public AccessMode getMode() {
    return mode;
  }

  public void setMode(AccessMode mode) {
    this.mode = mode;
  }

  public String getPrefix() {
    return prefix;
  }

  public void setPrefix(String prefix) {
    this.prefix = prefix;
  }

  public String getAccessPrefix() {
    return accessPrefix;
  }

  public void setAccessPrefix(String accessPrefix) {
    this.accessPrefix = accessPrefix;
  }

  public Boolean getMirax() {
    return mirax;
  }

  public void setMirax(Boolean mirax) {
    this.mirax = mirax;
  }

  public String getStorageName() {
    return storageName;
  }

  public void setStorageName(String storageName) {
    this.storageName = storageName;
  }

  public CredentialsSecretRef getCredentialsSecretRef() {
    return credentialsSecretRef;
  }

  public void setCredentialsSecretRef(CredentialsSecretRef credentialsSecretRef) {
    this.credentialsSecretRef = credentialsSecretRef;
  }

  public String getPrincipalArn() {
    return principalArn;
  }

  public void setPrincipalArn(String principalArn) {
    this.principalArn = principalArn;
  }

  public String getEndpoint() {
    return endpoint;
  }

  public void setEndpoint(String endpoint) {
    this.endpoint = endpoint;
  }

  public ProbeSpec getProbe() {
    return probe;
  }

  public void setProbe(ProbeSpec probe) {
    this.probe = probe;
  }
}
