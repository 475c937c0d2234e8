package io.wasabioperator.config;

import io.wasabioperator.storage.CaBundle;
import io.wasabioperator.time.GoDuration;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Typed operator configuration, read once at start from environment variables.
 *
 * @param watchNamespaces namespaces to watch; empty means all
 * @param platformCredentials the platform identity's Secret, used by integrations without their own
 * @param platformPrincipalArn the principal rendered into bucket policies by default
 * @param allowHttpEndpoints whether plain-HTTP endpoint overrides are accepted
 * @param probeInterval the default interval between access probes
 * @param maxUrlDuration the longest a presigned URL may be valid
 * @param maxRecheckInterval the longest a signed URL request goes without being looked at again, so
 *     that a missed event or a jump of the clock costs at most this long
 * @param probeRetry how a failed probe is retried
 * @param s3Timeouts bounds on every S3 call
 * @param caBundle CAs the S3 client trusts besides the JVM's
 * @param tenancy who may use the platform identity where, and which endpoints integrations may name
 * @param watchLabelSelector when present, only integrations and requests with matching labels are
 *     handled: one shard of several operators sharing a cluster
 */
public record OperatorConfig(
    Set<String> watchNamespaces,
    Optional<SecretLocation> platformCredentials,
    String platformPrincipalArn,
    boolean allowHttpEndpoints,
    Duration probeInterval,
    Duration maxUrlDuration,
    Duration maxRecheckInterval,
    RetryBackoff probeRetry,
    S3Timeouts s3Timeouts,
    Optional<CaBundle> caBundle,
    TenancyConfig tenancy,
    Optional<String> watchLabelSelector) {

  public static final String WATCH_NAMESPACES = "WASABI_OPERATOR_WATCH_NAMESPACES";
  public static final String WATCH_LABEL_SELECTOR = "WASABI_OPERATOR_WATCH_LABEL_SELECTOR";
  public static final String PLATFORM_CREDENTIALS_SECRET = "WASABI_OPERATOR_PLATFORM_CREDENTIALS_SECRET";
  public static final String PLATFORM_PRINCIPAL_ARN = "WASABI_OPERATOR_PLATFORM_PRINCIPAL_ARN";
  public static final String ALLOW_HTTP_ENDPOINTS = "WASABI_OPERATOR_ALLOW_HTTP_ENDPOINTS";
  public static final String PROBE_INTERVAL = "WASABI_OPERATOR_PROBE_INTERVAL";
  public static final String MAX_URL_DURATION = "WASABI_OPERATOR_MAX_URL_DURATION";
  public static final String CA_BUNDLE = CaBundle.SETTING;

  public static final String DEFAULT_PRINCIPAL_ARN = "arn:aws:iam::100000274636:user/darwin";
  public static final Duration DEFAULT_PROBE_INTERVAL = Duration.ofMinutes(10);
  public static final Duration MIN_PROBE_INTERVAL = Duration.ofSeconds(30);
  public static final Duration DEFAULT_MAX_URL_DURATION = Duration.ofHours(4);
  /** SigV4 refuses presigned URLs valid for longer than 7 days. */
  public static final Duration SIGV4_MAX_URL_DURATION = Duration.ofDays(7);
  public static final Duration MIN_URL_DURATION = Duration.ofMinutes(1);
  public static final Duration DEFAULT_MAX_RECHECK_INTERVAL = Duration.ofHours(1);

  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
  /** A Kubernetes object name (RFC 1123 subdomain, without its length limit). */
  static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern PRINCIPAL = Pattern.compile("arn:aws:iam::[0-9]{12}:[A-Za-z0-9+=,.@_/-]+");

  /** Defaults for everything: all namespaces, no platform identity. */
  public static OperatorConfig defaults() {
    return fromEnvironment(Map.of());
  }

  /** Reads the configuration; throws {@link InvalidConfigurationException} naming the variable to fix. */
  /**
   * Whether this operator sees every integration of the cluster, and so may count each grant's users:
   * a shard or a release watching some namespaces sees part of them, and two counting different parts
   * would overwrite each other's count.
   */
  public boolean seesAllIntegrations() {
    return watchNamespaces.isEmpty() && watchLabelSelector.isEmpty();
  }

  public static OperatorConfig fromEnvironment(Map<String, String> env) {
    return new OperatorConfig(
        namespaces(env.getOrDefault(WATCH_NAMESPACES, "")),
        platformCredentials(env.getOrDefault(PLATFORM_CREDENTIALS_SECRET, "").trim()),
        principal(env.getOrDefault(PLATFORM_PRINCIPAL_ARN, "").trim()),
        bool(ALLOW_HTTP_ENDPOINTS, env.getOrDefault(ALLOW_HTTP_ENDPOINTS, "").trim()),
        probeInterval(env.getOrDefault(PROBE_INTERVAL, "").trim()),
        maxUrlDuration(env.getOrDefault(MAX_URL_DURATION, "").trim()),
        DEFAULT_MAX_RECHECK_INTERVAL,
        RetryBackoff.DEFAULT,
        S3Timeouts.DEFAULT,
        caBundle(env.getOrDefault(CA_BUNDLE, "").trim()),
        TenancyConfig.fromEnvironment(env),
        labelSelector(env.getOrDefault(WATCH_LABEL_SELECTOR, "").trim()));
  }

  private static Optional<String> labelSelector(String value) {
    if (value.isEmpty()) {
      return Optional.empty();
    }
    try {
      LabelSelectorExpression.parse(value);
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigurationException(WATCH_LABEL_SELECTOR + ": '" + value + "' is not a label selector ("
          + e.getMessage() + "); write it as kubectl -l takes it, such as "
          + "sharding.storage.wasabi-operator.io/key=shard1 or !sharding.storage.wasabi-operator.io/key");
    }
    return Optional.of(value);
  }

  private static Set<String> namespaces(String value) {
    Set<String> namespaces = Arrays.stream(value.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
    for (String namespace : namespaces) {
      if (!DNS_LABEL.matcher(namespace).matches()) {
        throw new InvalidConfigurationException(WATCH_NAMESPACES + ": '" + namespace
            + "' is not a valid namespace name (lowercase letters, digits and '-', at most 63)");
      }
    }
    return namespaces;
  }

  private static Optional<SecretLocation> platformCredentials(String value) {
    if (value.isEmpty()) {
      return Optional.empty();
    }
    String[] parts = value.split("/", -1);
    if (parts.length != 2 || !DNS_LABEL.matcher(parts[0]).matches()
        || !DNS_SUBDOMAIN.matcher(parts[1]).matches() || parts[1].length() > 253) {
      throw new InvalidConfigurationException(PLATFORM_CREDENTIALS_SECRET
          + ": expected namespace/name of a Secret, for example wasabi-operator/platform-credentials");
    }
    return Optional.of(new SecretLocation(parts[0], parts[1]));
  }

  private static Optional<CaBundle> caBundle(String value) {
    if (value.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(CaBundle.load(Path.of(value)));
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigurationException(CA_BUNDLE + ": " + e.getMessage());
    }
  }

  private static String principal(String value) {
    if (value.isEmpty()) {
      return DEFAULT_PRINCIPAL_ARN;
    }
    if (!PRINCIPAL.matcher(value).matches()) {
      throw new InvalidConfigurationException(PLATFORM_PRINCIPAL_ARN
          + ": expected an IAM principal ARN such as " + DEFAULT_PRINCIPAL_ARN);
    }
    return value;
  }

  static boolean bool(String name, String value) {
    return switch (value.toLowerCase()) {
      case "", "false" -> false;
      case "true" -> true;
      default -> throw new InvalidConfigurationException(name + ": expected true or false");
    };
  }

  private static Duration maxUrlDuration(String value) {
    if (value.isEmpty()) {
      return DEFAULT_MAX_URL_DURATION;
    }
    Duration cap = GoDuration.parse(value).orElseThrow(() -> new InvalidConfigurationException(
        MAX_URL_DURATION + ": expected a duration such as 4h or 90m"));
    if (cap.compareTo(MIN_URL_DURATION) < 0 || cap.compareTo(SIGV4_MAX_URL_DURATION) > 0) {
      throw new InvalidConfigurationException(MAX_URL_DURATION + ": must be between 1m and 168h (SigV4's 7 days)");
    }
    return cap;
  }

  private static Duration probeInterval(String value) {
    if (value.isEmpty()) {
      return DEFAULT_PROBE_INTERVAL;
    }
    Duration interval = GoDuration.parse(value).orElseThrow(() -> new InvalidConfigurationException(
        PROBE_INTERVAL + ": expected a duration such as 10m or 1h30m"));
    if (interval.compareTo(MIN_PROBE_INTERVAL) < 0) {
      throw new InvalidConfigurationException(PROBE_INTERVAL + ": must be at least 30s");
    }
    return interval;
  }
}
