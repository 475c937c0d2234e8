package io.wasabioperator.integration;

import io.wasabioperator.api.AccessMode;
import io.wasabioperator.api.CredentialsSecretRef;
import io.wasabioperator.api.ProbeSpec;
import io.wasabioperator.api.WasabiStorageIntegration;
import io.wasabioperator.api.WasabiStorageIntegrationSpec;
import io.wasabioperator.config.OperatorConfig;
import io.wasabioperator.config.TenancyConfig;
import io.wasabioperator.grants.Globs;
import io.wasabioperator.time.GoDuration;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/** Checks a spec before any network call and applies the defaults. Pure: no I/O, no clock. */
public final class IntegrationValidator {
  static final String DEFAULT_WRITE_FOLDER = "data/";
  static final String DEFAULT_ACCESS_KEY_ID_KEY = "accessKeyId";
  static final String DEFAULT_SECRET_ACCESS_KEY_KEY = "secretAccessKey";

  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9-]*[a-z0-9]");
  private static final Pattern IP_SHAPED = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
  private static final Pattern DATA_KEY = Pattern.compile("[-._a-zA-Z0-9]{1,253}");
  /** A Kubernetes object name (RFC 1123 subdomain); at most {@link #MAX_OBJECT_NAME} characters. */
  private static final Pattern OBJECT_NAME =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final int MAX_OBJECT_NAME = 253;
  private static final Pattern PRINCIPAL = Pattern.compile("arn:aws:iam::[0-9]{12}:[A-Za-z0-9+=,.@_/-]+");

  private final OperatorConfig config;

  public IntegrationValidator(OperatorConfig config) {
    this.config = config;
  }

  /** The integration as a whole: its name (which names its connection Secret), then its spec. */
  public Validation validate(WasabiStorageIntegration integration) {
    String name = integration.getMetadata().getName();
    String secretName = ConnectionSecret.name(integration);
    if (secretName.length() > MAX_OBJECT_NAME) {
      return invalid(IntegrationReason.InvalidIntegrationName, "the integration's name is " + name.length()
          + " characters long: its connection Secret, <name>" + ConnectionSecret.SUFFIX + ", would be longer than the "
          + MAX_OBJECT_NAME + " characters of a Secret name; use a name of at most "
          + (MAX_OBJECT_NAME - ConnectionSecret.SUFFIX.length()) + " characters");
    }
    return validate(integration.getSpec());
  }

  public Validation validate(WasabiStorageIntegrationSpec spec) {
    if (spec == null) {
      return invalid(IntegrationReason.InvalidBucketName, "spec is missing; set spec.bucket, spec.region and spec.mode");
    }
    Optional<Validation.Invalid> bucketProblem = checkBucket(spec.getBucket());
    if (bucketProblem.isPresent()) {
      return bucketProblem.get();
    }
    String region = spec.getRegion();
    if (region == null || !WasabiRegions.isKnown(region)) {
      String hint = WasabiRegions.closest(region).map(r -> "; did you mean " + r + "?")
          .orElse("; use one of " + String.join(", ", WasabiRegions.ALL));
      return invalid(IntegrationReason.UnknownRegion,
          "spec.region " + (region == null ? "is missing" : "'" + printable(region) + "' is not a Wasabi region") + hint);
    }
    AccessMode mode = spec.getMode();
    if (mode == null) {
      return invalid(IntegrationReason.InvalidMode, "spec.mode is missing; set ReadWrite or ReadOnly");
    }
    URI endpoint = WasabiRegions.endpoint(region);
    boolean pathStyle = spec.getEndpoint() != null;
    if (pathStyle) {
      Optional<URI> parsed = parseUri(spec.getEndpoint());
      if (parsed.isEmpty()) {
        return invalid(IntegrationReason.InvalidEndpoint, "spec.endpoint is not a URL; write it like https://s3.example.com");
      }
      Optional<Validation.Invalid> problem = endpointProblem(parsed.get());
      if (problem.isPresent()) {
        return problem.get();
      }
      endpoint = URI.create(parsed.get().getScheme().toLowerCase() + "://" + parsed.get().getRawAuthority());
    }

    String accessPrefix = "";
    if (spec.getAccessPrefix() != null) {
      ObjectPaths.PathCheck check = ObjectPaths.normalisePrefix(spec.getAccessPrefix());
      if (!check.isValid()) {
        return invalid(IntegrationReason.InvalidPrefix, "spec.accessPrefix " + check.problem());
      }
      accessPrefix = check.value();
    }
    Optional<String> writePrefix = Optional.empty();
    if (mode == AccessMode.ReadOnly && spec.getPrefix() != null) {
      return invalid(IntegrationReason.PrefixNotAllowedInReadOnlyMode,
          "spec.prefix is only used in ReadWrite mode; remove it, or set spec.mode to ReadWrite");
    }
    if (mode == AccessMode.ReadWrite) {
      String prefix = accessPrefix + DEFAULT_WRITE_FOLDER;
      if (spec.getPrefix() != null) {
        ObjectPaths.PathCheck check = ObjectPaths.normalisePrefix(spec.getPrefix());
        if (!check.isValid()) {
          return invalid(IntegrationReason.InvalidPrefix, "spec.prefix " + check.problem());
        }
        if (check.value().isEmpty()) {
          return invalid(IntegrationReason.InvalidPrefix,
              "spec.prefix must name a folder for thumbnails and frames, for example data/");
        }
        prefix = check.value();
      }
      if (!prefix.startsWith(accessPrefix)) {
        return invalid(IntegrationReason.PrefixOutsideAccessPrefix, "spec.prefix '" + prefix
            + "' lies outside spec.accessPrefix '" + accessPrefix + "', the only folder the bucket policy grants; "
            + "use a folder under it, such as " + accessPrefix + DEFAULT_WRITE_FOLDER);
      }
      writePrefix = Optional.of(prefix);
    }

    ProbeSpec probe = spec.getProbe() == null ? new ProbeSpec() : spec.getProbe();
    Duration interval = config.probeInterval();
    if (probe.getInterval() != null) {
      Optional<Duration> parsed = GoDuration.parse(probe.getInterval());
      if (parsed.isEmpty()) {
        return invalid(IntegrationReason.InvalidProbeInterval, "spec.probe.interval '" + printable(probe.getInterval())
            + "' is not a duration; write it like 90s, 10m or 1h30m");
      }
      if (parsed.get().compareTo(OperatorConfig.MIN_PROBE_INTERVAL) < 0) {
        return invalid(IntegrationReason.InvalidProbeInterval,
            "spec.probe.interval must be at least 30s, to spare the bucket and the operator");
      }
      interval = parsed.get();
    }
    if (probe.getObjectKey() != null) {
      Optional<String> problem = ObjectPaths.keyProblem(probe.getObjectKey());
      if (problem.isPresent()) {
        return invalid(IntegrationReason.InvalidProbeObjectKey, "spec.probe.objectKey " + problem.get());
      }
      // Read with the integration's identity: a key elsewhere would let it look beyond its folder.
      if (!probe.getObjectKey().startsWith(accessPrefix)) {
        return invalid(IntegrationReason.ProbeObjectKeyOutsideAccessPrefix, "spec.probe.objectKey lies outside '"
            + accessPrefix + "', the only folder the integration is granted; name an object under it");
      }
    }

    String storageName = spec.getStorageName() == null ? spec.getBucket() : spec.getStorageName();
    if (storageName.isBlank() || storageName.length() > 253 || storageName.chars().anyMatch(Character::isISOControl)) {
      return invalid(IntegrationReason.InvalidStorageName,
          "spec.storageName must be 1-253 characters without control characters");
    }
    String principal = spec.getPrincipalArn() == null ? config.platformPrincipalArn() : spec.getPrincipalArn();
    if (!PRINCIPAL.matcher(principal).matches()) {
      return invalid(IntegrationReason.InvalidPrincipalArn, "spec.principalArn must be an IAM principal ARN such as "
          + OperatorConfig.DEFAULT_PRINCIPAL_ARN + " (a wildcard would make the bucket public)");
    }
    if (spec.getCredentialsSecretRef() != null && isBlank(spec.getCredentialsSecretRef().getName())) {
      return invalid(IntegrationReason.CredentialsSecretNotFound,
          "spec.credentialsSecretRef.name is empty; name a Secret in this namespace, or remove credentialsSecretRef");
    }
    if (spec.getCredentialsSecretRef() != null) {
      // Checked before any call: the name becomes part of the API request's path.
      String secret = spec.getCredentialsSecretRef().getName();
      if (secret.length() > MAX_OBJECT_NAME || !OBJECT_NAME.matcher(secret).matches()) {
        return invalid(IntegrationReason.InvalidCredentialsSecretRef, "spec.credentialsSecretRef.name '"
            + printable(secret) + "' is not a Secret name: lowercase letters, digits, '-' and '.', starting and "
            + "ending with a letter or digit, at most " + MAX_OBJECT_NAME + " characters");
      }
    }
    Optional<CredentialsSecretKeys> own = ownCredentials(spec.getCredentialsSecretRef());
    if (own.isPresent()) {
      String idKey = own.get().accessKeyIdKey();
      String secretKey = own.get().secretAccessKeyKey();
      if (!DATA_KEY.matcher(idKey).matches() || !DATA_KEY.matcher(secretKey).matches()) {
        return invalid(IntegrationReason.InvalidCredentialsSecretRef, "spec.credentialsSecretRef's key names must be "
            + "Secret data keys: letters, digits, '-', '_' and '.'");
      }
      if (idKey.equals(secretKey)) {
        return invalid(IntegrationReason.InvalidCredentialsSecretRef, "spec.credentialsSecretRef names the same key "
            + "for the access key ID and the secret access key; they are two different values");
      }
    }

    return new Validation.Valid(new IntegrationTarget(spec.getBucket(), region, mode, endpoint, pathStyle,
        accessPrefix, writePrefix, Boolean.TRUE.equals(spec.getMirax()), storageName, principal, interval,
        Optional.ofNullable(probe.getObjectKey()), own));
  }

  private static Optional<CredentialsSecretKeys> ownCredentials(CredentialsSecretRef ref) {
    if (ref == null) {
      return Optional.empty();
    }
    return Optional.of(new CredentialsSecretKeys(ref.getName(),
        isBlank(ref.getAccessKeyIdKey()) ? DEFAULT_ACCESS_KEY_ID_KEY : ref.getAccessKeyIdKey(),
        isBlank(ref.getSecretAccessKeyKey()) ? DEFAULT_SECRET_ACCESS_KEY_KEY : ref.getSecretAccessKeyKey()));
  }

  private static Optional<Validation.Invalid> checkBucket(String bucket) {
    if (bucket == null || bucket.isEmpty()) {
      return Optional.of(invalid(IntegrationReason.InvalidBucketName, "spec.bucket is missing; name the Wasabi bucket"));
    }
    String shown = "'" + printable(bucket) + "'";
    if (IP_SHAPED.matcher(bucket).matches()) {
      return Optional.of(invalid(IntegrationReason.InvalidBucketName,
          "spec.bucket " + shown + " is shaped like an IP address; bucket names cannot be"));
    }
    if (bucket.contains(".")) {
      return Optional.of(invalid(IntegrationReason.BucketNameContainsDots, "spec.bucket " + shown
          + " contains a dot: Wasabi cannot serve such a bucket over virtual-host HTTPS (its certificate covers "
          + "one level only); copy the data to a bucket whose name uses hyphens instead"));
    }
    if (bucket.length() < 3 || bucket.length() > 63) {
      return Optional.of(invalid(IntegrationReason.InvalidBucketName,
          "spec.bucket must be 3-63 characters long, not " + bucket.length()));
    }
    if (!BUCKET.matcher(bucket).matches()) {
      return Optional.of(invalid(IntegrationReason.InvalidBucketName, "spec.bucket " + shown
          + " may use only lowercase letters, digits and hyphens, and must start and end with a letter or digit"));
    }
    return Optional.empty();
  }

  private static Optional<URI> parseUri(String raw) {
    try {
      return Optional.of(new URI(raw.trim()));
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }

  private Optional<Validation.Invalid> endpointProblem(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
    if (!scheme.equals("https") && !scheme.equals("http")) {
      return Optional.of(invalid(IntegrationReason.InvalidEndpoint,
          "spec.endpoint must be an https:// URL, not " + (scheme.isEmpty() ? "a relative one" : scheme + "://")));
    }
    if (uri.getRawUserInfo() != null) {
      // Never echo the URL: the user part may hold a credential.
      return Optional.of(invalid(IntegrationReason.InvalidEndpoint,
          "spec.endpoint must not carry a user or password; put credentials in credentialsSecretRef"));
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      return Optional.of(invalid(IntegrationReason.InvalidEndpoint,
          "spec.endpoint has no host; write it like https://s3.example.com"));
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null
        || (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/"))) {
      return Optional.of(invalid(IntegrationReason.InvalidEndpoint,
          "spec.endpoint must be a bare scheme://host[:port], without a path, query or fragment"));
    }
    if (isLinkLocal(uri.getHost())) {
      return Optional.of(invalid(IntegrationReason.InvalidEndpoint, "spec.endpoint points at a link-local address "
          + "(such as an instance metadata service); use the storage endpoint"));
    }
    if (scheme.equals("http") && !config.allowHttpEndpoints()) {
      return Optional.of(invalid(IntegrationReason.InsecureEndpoint, "spec.endpoint uses plain http://, which would "
          + "send signed requests unencrypted; use https://, or start the operator with "
          + OperatorConfig.ALLOW_HTTP_ENDPOINTS + "=true"));
    }
    // Any other host would let a tenant point the operator's signed requests (and the key ID in them)
    // at a server of its own, or at services inside the cluster.
    String host = hostOf(uri);
    if (!WasabiRegions.isWasabiHost(host)
        && config.tenancy().endpointAllowlist().stream().noneMatch(glob -> Globs.matchesHost(glob, host))) {
      return Optional.of(invalid(IntegrationReason.EndpointNotAllowed, "spec.endpoint's host " + printable(host)
          + " is not on the operator's endpoint allowlist (" + TenancyConfig.ENDPOINT_ALLOWLIST + "); remove "
          + "spec.endpoint to use Wasabi's regional endpoint, or ask an administrator to allow the host"));
    }
    return Optional.empty();
  }

  /** The host without the brackets of an IPv6 literal. */
  static String hostOf(URI uri) {
    String host = uri.getHost();
    return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
  }

  // Only literal addresses are checked: resolving names here would make validation depend on DNS.
  private static boolean isLinkLocal(String host) {
    String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (!literal.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
      return false;
    }
    try {
      InetAddress address = InetAddress.getByName(literal);
      return address.isLinkLocalAddress() || address.isAnyLocalAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  /** User text for a message: control characters shown as '?', length bounded. */
  static String printable(String value) {
    StringBuilder out = new StringBuilder();
    value.codePoints().limit(80).forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return value.length() > 80 ? out + "..." : out.toString();
  }

  private static Validation.Invalid invalid(IntegrationReason reason, String message) {
    return new Validation.Invalid(reason, message);
  }
}
