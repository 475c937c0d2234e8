package io.wasabioperator.status;

import java.util.List;

/**
 * What each condition reason means for the person who reads it, in one place: README's reason tables
 * are these rows (a test keeps them equal), and tools that explain a reason read them from here.
 */
public final class ReasonGuide {
  /** One row of a reason table: the condition ({@code null} for requests), the reasons, what to do. */
  public record Row(String condition, String reasons, String whatToDo) {}

  /** The WasabiStorageIntegration's reasons, by condition, as README lists them. */
  public static final List<Row> INTEGRATION = List.of(
      new Row("Validated", "`Valid`",
          "nothing"),
      new Row("Validated", "`InvalidBucketName`",
          "use 3-63 lowercase letters, digits and hyphens, not an IP address"),
      new Row("Validated", "`BucketNameContainsDots`",
          "Wasabi cannot serve dotted names over virtual-host HTTPS: copy the data to a bucket named with hyphens"),
      new Row("Validated", "`UnknownRegion`",
          "use one of the 16 regions above (the message suggests the closest)"),
      new Row("Validated", "`InvalidMode`",
          "set `mode` to `ReadWrite` or `ReadOnly`"),
      new Row("Validated", "`InvalidEndpoint`",
          "use a bare `https://host[:port]` URL; no credentials, path, query, or link-local address"),
      new Row("Validated", "`InsecureEndpoint`",
          "use `https://`, or start the operator with `WASABI_OPERATOR_ALLOW_HTTP_ENDPOINTS=true`"),
      new Row("Validated", "`EndpointNotAllowed`",
          "the host is not on the operator's endpoint allowlist: remove `endpoint` to use Wasabi's, or ask "
              + "an administrator to allow the host (`WASABI_OPERATOR_ENDPOINT_ALLOWLIST`)"),
      new Row("Validated", "`PlatformIdentityNotGranted`",
          "no grant lets this namespace use the platform identity on this bucket, folder, mode (and "
              + "endpoint): ask an administrator for a `WasabiPlatformGrant`, or set `credentialsSecretRef` to a "
              + "key pair of your own"),
      new Row("Validated", "`InvalidPrefix`",
          "fix `prefix` or `accessPrefix` as the message says"),
      new Row("Validated", "`PrefixNotAllowedInReadOnlyMode`",
          "remove `prefix`, or switch to ReadWrite"),
      new Row("Validated", "`PrefixOutsideAccessPrefix`",
          "put `prefix` under `accessPrefix`"),
      new Row("Validated", "`InvalidProbeInterval`",
          "write a duration of at least `30s`"),
      new Row("Validated", "`InvalidProbeObjectKey`",
          "an object key: 1-1024 bytes, no leading `/`, no control characters"),
      new Row("Validated", "`ProbeObjectKeyOutsideAccessPrefix`",
          "name an object under `accessPrefix`: the probe reads it with the integration's identity"),
      new Row("Validated", "`InvalidStorageName`",
          "1-253 characters without control characters"),
      new Row("Validated", "`InvalidPrincipalArn`",
          "an IAM principal ARN such as `arn:aws:iam::100000274636:user/darwin`"),
      new Row("Validated", "`StorageNameConflict`",
          "another, older integration in the namespace uses the name: set another `storageName`"),
      new Row("Validated", "`ConnectionSecretConflict`",
          "a Secret `<name>-connection` exists that the operator does not own: delete or rename it (other "
              + "people's Secrets are not watched: the operator looks again every 5 minutes, or at once when the "
              + "integration is edited)"),
      new Row("Validated", "`CredentialsSecretNotFound`",
          "create the Secret (with the credentials label: it is then found within seconds), or fix "
              + "`credentialsSecretRef.name`"),
      new Row("Validated", "`CredentialsSecretIncomplete`",
          "add the missing keys (the message names them) to the Secret"),
      new Row("Validated", "`CredentialsSecretNotLabelled`",
          "label the Secret `storage.wasabi-operator.io/credentials=true` (its owner's consent to its use "
              + "as credentials)"),
      new Row("Validated", "`CredentialsSecretWrongType`",
          "credentials Secrets are of type `Opaque`: put the key pair in one"),
      new Row("Validated", "`InvalidCredentialsSecretRef`",
          "`name` must be a Secret name (lowercase letters, digits, `-`, `.`); `accessKeyIdKey` and "
              + "`secretAccessKeyKey` must be two different data keys (letters, digits, `-`, `_`, `.`)"),
      new Row("Validated", "`InvalidIntegrationName`",
          "the connection Secret `<name>-connection` would exceed 253 characters: re-create the integration "
              + "under a name of at most 242 characters"),
      new Row("Validated", "`NoCredentials`",
          "set `credentialsSecretRef`, or configure the platform identity"),
      new Row("AccessVerified", "`AccessVerified`",
          "nothing"),
      new Row("AccessVerified", "`AccessDenied`",
          "the message names each denied action and key: attach `status.bucketPolicy`"),
      new Row("AccessVerified", "`NoSuchBucket`",
          "create the bucket or fix `bucket`; the operator notices by itself"),
      new Row("AccessVerified", "`InvalidCredentials`",
          "fix the key pair in the Secret; the operator reads it again at every retry (10s, doubling up to "
              + "5 minutes), and at once when the Secret carries the credentials label"),
      new Row("AccessVerified", "`WrongRegion`",
          "set `region` to the bucket's region (named in the message when Wasabi says it)"),
      new Row("AccessVerified", "`EndpointUnreachable`",
          "check `endpoint` and the network; retried with backoff"),
      new Row("AccessVerified", "`EndpointUnreachable`, \"certificate not trusted\"",
          "the endpoint's TLS certificate chains to no CA the operator trusts: if a private CA issued it, "
              + "an administrator adds that CA with `WASABI_OPERATOR_CA_BUNDLE`; retried with backoff"),
      new Row("AccessVerified", "`EndpointNotAllowed`",
          "the endpoint's host resolves only to addresses inside the cluster or host (loopback, private, "
              + "link-local): use the service's public endpoint, or ask an administrator to allow the range "
              + "(`WASABI_OPERATOR_PRIVATE_ENDPOINT_CIDRS`)"),
      new Row("AccessVerified", "`ProbeFailed`",
          "any other S3 error, with its code; retried with backoff"),
      new Row("AccessVerified", "`ReadAccessUnverified` (Unknown)",
          "without `s3:ListBucket` a 403 proves nothing: set `probe.objectKey` to an existing object"),
      new Row("AccessVerified", "`NotProbed` (Unknown)",
          "fix what `Validated` says first"),
      new Row("Ready", "`Ready`",
          "nothing: workloads can load the connection Secret"));

  /** The SignedUrlRequest's reasons, as README lists them. */
  public static final List<Row> SIGNED_URL_REQUEST = List.of(
      new Row(null, "`Issued`",
          "nothing"),
      new Row(null, "`Renewing`, `ManuallyTriggered`, `IntegrationChanged`, `SpecChanged`",
          "nothing: `Issuing` is `True` while new URLs are made, for this reason (the renewal time came, the renew annotation changed, the integration changed, the spec changed)"),
      new Row(null, "`IntegrationNotFound`",
          "create the integration or fix `integrationRef.name`"),
      new Row(null, "`IntegrationDeleting`",
          "the integration was deleted and someone else's finalizer holds it: its URLs were withdrawn; "
              + "point `integrationRef` at another integration"),
      new Row(null, "`IntegrationNotReady`",
          "see the integration's own `Ready` condition, quoted in the message"),
      new Row(null, "`IntegrationReadOnly`",
          "PUT needs a ReadWrite integration"),
      new Row(null, "`InvalidKey`",
          "1-1024 bytes, no leading `/`, no control characters, no `.` or `..` segments (browsers would "
              + "resolve them to another object)"),
      new Row(null, "`KeyOutsideAccessPrefix`",
          "use a key under the integration's `accessPrefix`"),
      new Row(null, "`InvalidContentType`",
          "a media type such as `image/jpeg`, with PUT only"),
      new Row(null, "`InvalidDuration`",
          "a duration of at least `1m`"),
      new Row(null, "`DurationTooLong`",
          "at most the operator's cap"),
      new Row(null, "`InvalidRenewBefore`",
          "at least `5s`, and shorter than `duration` by at least 5s and 5% of it"),
      new Row(null, "`InvalidSecretName`, `InvalidSecretTemplate`",
          "valid Kubernetes names, labels and annotation keys"),
      new Row(null, "`SecretNameConflict`",
          "choose a free `secretName`, or remove the other Secret (other people's Secrets are not watched: "
              + "the operator looks again every 5 minutes, or at once when the request is edited)"),
      new Row(null, "`MiraxNotEnabled`",
          "set `mirax: true` on the integration"),
      new Row(null, "`PlatformIdentityNotGranted`",
          "the integration may no longer use the platform identity (its grant went away): see the "
              + "integration's condition"),
      new Row(null, "`CredentialsSecretNotFound`",
          "the integration's own credentials Secret was deleted: create it again, with a key pair that works"),
      new Row(null, "`CredentialsSecretNotLabelled`",
          "the owner of the integration's credentials Secret took its `storage.wasabi-operator.io/credentials` "
              + "label off, withdrawing consent: the URLs signed with its key were withdrawn; label it again to sign anew"),
      new Row(null, "`MiraxFolderEmpty`",
          "upload the slide's companion folder"),
      new Row(null, "`MiraxListFailed`",
          "the listing failed (the message has the S3 code); check `s3:ListBucket`"),
      new Row(null, "`TooManyObjects`",
          "the slide's URLs do not fit in one Secret (1 MiB); the message says how many objects there were"),
      new Row(null, "`Expired`",
          "the URL ran out and could not be renewed; the message says why"));

  private ReasonGuide() {}
}
