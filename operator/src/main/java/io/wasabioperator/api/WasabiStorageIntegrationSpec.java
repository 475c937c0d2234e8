package io.wasabioperator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** What the user asks for. The operator never writes to it: defaults live in the operator and in status. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WasabiStorageIntegrationSpec {
  @Required
  @JsonPropertyDescription("Wasabi bucket name: 3-63 lowercase letters, digits and hyphens, starting and ending "
      + "with a letter or digit, not shaped like an IP address. Dots are refused: Wasabi cannot serve such "
      + "a bucket over virtual-host HTTPS.")
  private String bucket;

  @Required
  @JsonPropertyDescription("Wasabi region of the bucket, for example us-east-1 or eu-central-2. "
      + "The endpoint is https://s3.<region>.wasabisys.com.")
  private String region;

  @Required
  @JsonPropertyDescription("ReadWrite lets the platform write thumbnails and extracted video frames back to the "
      + "bucket; ReadOnly means the bucket owner pre-extracts them.")
  private AccessMode mode;

  @JsonPropertyDescription("ReadWrite only: the folder where thumbnails and video frames are written, from the "
      + "bucket root. Default: data/ under accessPrefix. No '..', no empty segments, at most 512 bytes.")
  private String prefix;

  @JsonPropertyDescription("Partial bucket access: the only folder the bucket policy grants, for example "
      + "my_subfolder/. The write prefix must lie inside it. Default: the whole bucket.")
  private String accessPrefix;

  @JsonPropertyDescription("true to support MIRAX (.mrxs) slides, whose companion folders must be listed; "
      + "needs s3:ListBucket. Default: false.")
  private Boolean mirax;

  @JsonPropertyDescription("The name the platform uses for this storage when items are registered. Unique per "
      + "namespace: the oldest integration claiming a name keeps it. Default: the bucket name.")
  private String storageName;

  @JsonPropertyDescription("A Secret in the same namespace holding the access key pair to use. When absent, "
      + "the operator's platform identity is used.")
  private CredentialsSecretRef credentialsSecretRef;

  @JsonPropertyDescription("The principal that the rendered bucket policy grants, for example "
      + "arn:aws:iam::100000274636:user/darwin. Default: the operator's platform principal.")
  private String principalArn;

  @JsonPropertyDescription("Override of the S3 endpoint URL (an S3-compatible service, a private endpoint); "
      + "path-style addressing is used with it. http:// is refused unless the operator allows it.")
  private String endpoint;

  @JsonPropertyDescription("How and how often access is verified.")
  private ProbeSpec probe;

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
