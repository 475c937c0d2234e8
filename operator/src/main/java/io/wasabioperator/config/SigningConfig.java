package io.wasabioperator.config;

import io.wasabioperator.signing.AudienceGuard;
import io.wasabioperator.signing.tls.CertificateSchedule;
import io.wasabioperator.time.GoDuration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The signing API's settings, read once at start from environment variables; the chart fills them.
 *
 * @param port where the API listens; empty: no signing API
 * @param bindAddress the address it listens on: every interface, or the loopback one for a local run
 * @param audiences the token audiences accepted
 * @param maxUrlDuration the longest URL the API signs (within the operator's URL cap)
 * @param namespace the operator's namespace: the CA's Secret and ConfigMap live there
 * @param service the Service callers reach the API through, named in the serving certificate
 * @param clusterDomain the cluster's DNS domain, for the Service's full name
 * @param extraNames further DNS names and IP addresses for the certificate (localhost for a sandbox)
 * @param caSecret the Secret that keeps the CAs
 * @param caConfigMap the ConfigMap that publishes them, in the operator's namespace and, with
 *     {@code caCopies}, in every namespace with an integration or the {@code signing-ca} label
 * @param limits the abuse limits
 * @param tlsDirectory where a mounted TLS Secret ({@code tls.crt}, {@code tls.key}) is, cert-manager's or one's own;
 *     empty: the operator's own CA and certificates
 * @param tlsReload how often the mounted files are read again
 * @param drain how long a stopping replica goes on serving while not ready, so the Service stops sending it
 *     calls before it stops answering them
 */
public record SigningConfig(Optional<Integer> port, String bindAddress, Set<String> audiences, Duration maxUrlDuration, String namespace,
    String service, String clusterDomain, List<String> extraNames, String caSecret, String caConfigMap,
    boolean caCopies, CertificateSchedule.Lifetimes lifetimes, Limits limits, Optional<Path> tlsDirectory,
    Duration tlsReload, Duration drain) {
  public static final String PORT = "WASABI_OPERATOR_SIGNING_PORT";
  public static final String BIND_ADDRESS = "WASABI_OPERATOR_SIGNING_BIND_ADDRESS";
  public static final String AUDIENCES = "WASABI_OPERATOR_SIGNING_AUDIENCES";
  public static final String MAX_URL_DURATION = "WASABI_OPERATOR_SIGNING_MAX_URL_DURATION";
  public static final String NAMESPACE = "WASABI_OPERATOR_NAMESPACE";
  public static final String SERVICE = "WASABI_OPERATOR_SIGNING_SERVICE";
  public static final String CLUSTER_DOMAIN = "WASABI_OPERATOR_CLUSTER_DOMAIN";
  public static final String EXTRA_NAMES = "WASABI_OPERATOR_SIGNING_EXTRA_NAMES";
  public static final String CA_SECRET = "WASABI_OPERATOR_SIGNING_CA_SECRET";
  public static final String CA_CONFIGMAP = "WASABI_OPERATOR_SIGNING_CA_CONFIGMAP";
  public static final String CA_COPIES = "WASABI_OPERATOR_SIGNING_CA_COPIES";
  public static final String CA_LIFETIME = "WASABI_OPERATOR_SIGNING_CA_LIFETIME";
  public static final String CERT_LIFETIME = "WASABI_OPERATOR_SIGNING_CERT_LIFETIME";
  public static final String RENEW_AT_PERCENT = "WASABI_OPERATOR_SIGNING_RENEW_AT_PERCENT";
  public static final String CALLER_RATE = "WASABI_OPERATOR_SIGNING_CALLER_RATE";
  public static final String CALLER_BURST = "WASABI_OPERATOR_SIGNING_CALLER_BURST";
  public static final String BAD_TOKEN_RATE = "WASABI_OPERATOR_SIGNING_BAD_TOKEN_RATE";
  public static final String BAD_TOKEN_BURST = "WASABI_OPERATOR_SIGNING_BAD_TOKEN_BURST";
  public static final String REVIEW_RATE = "WASABI_OPERATOR_SIGNING_REVIEW_RATE";
  public static final String REVIEWS_IN_FLIGHT = "WASABI_OPERATOR_SIGNING_REVIEWS_IN_FLIGHT";
  public static final String DRAIN = "WASABI_OPERATOR_SIGNING_DRAIN";
  public static final String TLS_DIR = "WASABI_OPERATOR_SIGNING_TLS_DIR";
  public static final String TLS_RELOAD = "WASABI_OPERATOR_SIGNING_TLS_RELOAD";
  public static final Duration DEFAULT_DRAIN = Duration.ofSeconds(5);

  public static final String DEFAULT_AUDIENCE = "wasabi-operator";
  public static final Duration DEFAULT_MAX_URL_DURATION = Duration.ofHours(1);
  public static final String DEFAULT_NAME = "wasabi-operator-signing";
  /** Where a pod finds its own namespace when {@link #NAMESPACE} is not set. */
  static final Path SERVICE_ACCOUNT_NAMESPACE = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/namespace");
  /** The pod's own token: whatever audiences it names are the API server's, never the signing API's. */
  static final Path SERVICE_ACCOUNT_TOKEN = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token");
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  /**
   * Calls a second and bursts: per authenticated identity; per source address for tokens that fail; reviews
   * a second and at once, for the whole replica.
   */
  public record Limits(double callerRate, int callerBurst, double badTokenRate, int badTokenBurst, double reviewRate,
      int reviewsInFlight) {
    public static final Limits DEFAULT = new Limits(50, 100, 20, 40, 100, 64);
  }

  /** Off (no port), for tests and embedders that do not serve the API. */
  public static SigningConfig off() {
    return fromEnvironment(Map.of(NAMESPACE, "default", DRAIN, "0s"), Optional.empty(), Optional.empty());
  }

  public static SigningConfig fromEnvironment(Map<String, String> env) {
    return fromEnvironment(env, read(SERVICE_ACCOUNT_NAMESPACE), read(SERVICE_ACCOUNT_TOKEN));
  }

  /**
   * @param podNamespace the namespace the pod's ServiceAccount mount names, if any
   * @param ownToken the pod's own ServiceAccount token, if mounted: its audiences are the API server's
   */
  static SigningConfig fromEnvironment(Map<String, String> env, Optional<String> podNamespace,
      Optional<String> ownToken) {
    Optional<Integer> port = ProcessConfig.port(env, PORT);
    String namespace = value(env, NAMESPACE).or(() -> podNamespace).orElse("");
    if (port.isPresent() && namespace.isEmpty()) {
      throw new InvalidConfigurationException(NAMESPACE + ": the signing API keeps its CA in the operator's "
          + "namespace; set it to that namespace (the chart does), or leave " + PORT + " unset for no signing API");
    }
    if (!namespace.isEmpty() && !DNS_LABEL.matcher(namespace).matches()) {
      throw new InvalidConfigurationException(NAMESPACE + ": '" + namespace + "' is not a namespace name");
    }
    Duration caLifetime = ProcessConfig.duration(env, CA_LIFETIME, CertificateSchedule.Lifetimes.DEFAULT.ca());
    Duration leafLifetime = ProcessConfig.duration(env, CERT_LIFETIME, CertificateSchedule.Lifetimes.DEFAULT.leaf());
    double renewAt = value(env, RENEW_AT_PERCENT).map(text -> number(RENEW_AT_PERCENT, text, 1, 99) / 100)
        .orElse(CertificateSchedule.Lifetimes.DEFAULT.renewAt());
    CertificateSchedule.Lifetimes lifetimes;
    try {
      lifetimes = new CertificateSchedule.Lifetimes(caLifetime, leafLifetime, renewAt);
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigurationException(CA_LIFETIME + " and " + CERT_LIFETIME + ": " + e.getMessage());
    }
    Limits defaults = Limits.DEFAULT;
    Limits limits = new Limits(
        rate(env, CALLER_RATE, defaults.callerRate()), burst(env, CALLER_BURST, defaults.callerBurst()),
        rate(env, BAD_TOKEN_RATE, defaults.badTokenRate()), burst(env, BAD_TOKEN_BURST, defaults.badTokenBurst()),
        rate(env, REVIEW_RATE, defaults.reviewRate()), burst(env, REVIEWS_IN_FLIGHT, defaults.reviewsInFlight()));
    Set<String> audiences = audiences(env);
    String clusterDomain = value(env, CLUSTER_DOMAIN).orElse("cluster.local");
    Optional<String> audienceProblem = AudienceGuard.problem(audiences, clusterDomain, ownToken);
    if (port.isPresent() && audienceProblem.isPresent()) {
      throw new InvalidConfigurationException(AUDIENCES + ": " + audienceProblem.get());
    }
    return new SigningConfig(port, bindAddress(env), audiences, maxUrlDuration(env), namespace,
        name(env, SERVICE, DEFAULT_NAME), clusterDomain, list(env, EXTRA_NAMES),
        objectName(env, CA_SECRET, DEFAULT_NAME + "-ca"), objectName(env, CA_CONFIGMAP, DEFAULT_NAME + "-ca"),
        value(env, CA_COPIES).map(text -> OperatorConfig.bool(CA_COPIES, text)).orElse(true), lifetimes, limits,
        value(env, TLS_DIR).map(Path::of), tlsReload(env),
        drain(env));
  }

  public boolean enabled() {
    return port.isPresent();
  }

  /** The names the serving certificate carries: the Service's, short to fully qualified, then the extra ones. */
  public List<String> certificateNames() {
    List<String> names = new ArrayList<>(List.of(service, service + "." + namespace, service + "." + namespace
        + ".svc", service + "." + namespace + ".svc." + clusterDomain));
    names.addAll(extraNames);
    return List.copyOf(new LinkedHashSet<>(names));
  }

  private static String bindAddress(Map<String, String> env) {
    String address = value(env, BIND_ADDRESS).orElse("0.0.0.0");
    if (!address.matches("[0-9.]+|[0-9a-fA-F:]+")) {
      throw new InvalidConfigurationException(BIND_ADDRESS + ": expected an IP address such as 0.0.0.0 or 127.0.0.1, "
          + "not '" + address + "'");
    }
    return address;
  }

  private static Duration tlsReload(Map<String, String> env) {
    Duration interval = ProcessConfig.duration(env, TLS_RELOAD, Duration.ofSeconds(10));
    if (interval.compareTo(Duration.ofMillis(100)) < 0) {
      throw new InvalidConfigurationException(TLS_RELOAD + ": at least 100ms, such as 10s");
    }
    return interval;
  }

  private static Duration drain(Map<String, String> env) {
    return value(env, DRAIN).map(text -> GoDuration.parse(text).filter(d -> !d.isNegative()
            && d.compareTo(Duration.ofMinutes(1)) <= 0)
        .orElseThrow(() -> new InvalidConfigurationException(DRAIN + ": expected a duration from 0s to 1m, such as "
            + "5s, not '" + text + "'")))
        .orElse(DEFAULT_DRAIN);
  }

  private static Set<String> audiences(Map<String, String> env) {
    List<String> listed = list(env, AUDIENCES);
    return listed.isEmpty() ? Set.of(DEFAULT_AUDIENCE) : Set.copyOf(listed);
  }

  private static Duration maxUrlDuration(Map<String, String> env) {
    Duration cap = ProcessConfig.duration(env, MAX_URL_DURATION, DEFAULT_MAX_URL_DURATION);
    if (cap.compareTo(OperatorConfig.MIN_URL_DURATION) < 0) {
      throw new InvalidConfigurationException(MAX_URL_DURATION + ": must be at least "
          + GoDuration.format(OperatorConfig.MIN_URL_DURATION));
    }
    return cap;
  }

  private static String name(Map<String, String> env, String variable, String fallback) {
    String name = value(env, variable).orElse(fallback);
    if (name.length() > 63 || !DNS_LABEL.matcher(name).matches()) {
      throw new InvalidConfigurationException(variable + ": '" + name + "' is not a name Kubernetes allows "
          + "(lowercase letters, digits and '-', at most 63)");
    }
    return name;
  }

  /** A Secret's or ConfigMap's name: an RFC 1123 subdomain of at most 253 characters. */
  private static String objectName(Map<String, String> env, String variable, String fallback) {
    String name = value(env, variable).orElse(fallback);
    if (name.length() > 253 || !OperatorConfig.DNS_SUBDOMAIN.matcher(name).matches()) {
      throw new InvalidConfigurationException(variable + ": '" + name + "' is not a name Kubernetes allows "
          + "(lowercase letters, digits, '-' and '.', at most 253)");
    }
    return name;
  }

  private static double rate(Map<String, String> env, String variable, double fallback) {
    return value(env, variable).map(text -> number(variable, text, 0.001, 1e6)).orElse(fallback);
  }

  private static int burst(Map<String, String> env, String variable, int fallback) {
    return value(env, variable).map(text -> (int) number(variable, text, 1, 1e6)).orElse(fallback);
  }

  private static double number(String variable, String text, double min, double max) {
    try {
      double value = Double.parseDouble(text);
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidConfigurationException(variable + ": expected a number from " + min + " to " + (long) max
        + ", not '" + text + "'");
  }

  private static List<String> list(Map<String, String> env, String variable) {
    return Arrays.stream(env.getOrDefault(variable, "").split(",")).map(String::trim).filter(s -> !s.isEmpty())
        .toList();
  }

  private static Optional<String> value(Map<String, String> env, String variable) {
    return Optional.of(env.getOrDefault(variable, "").trim()).filter(text -> !text.isEmpty());
  }

  private static Optional<String> read(Path file) {
    try {
      return Files.isReadable(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).trim())
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
