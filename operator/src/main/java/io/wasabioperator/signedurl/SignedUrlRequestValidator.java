package io.wasabioperator.signedurl;

import io.wasabioperator.api.HttpMethod;
import io.wasabioperator.api.SecretTemplate;
import io.wasabioperator.api.SignedUrlRequestSpec;
import io.wasabioperator.integration.ObjectPaths;
import io.wasabioperator.time.GoDuration;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Checks a SignedUrlRequest's spec and applies the defaults. Pure: no I/O, no clock. */
public final class SignedUrlRequestValidator {
  static final Duration DEFAULT_DURATION = Duration.ofHours(4);
  static final Duration MIN_DURATION = Duration.ofMinutes(1);
  static final Duration MIN_RENEW_BEFORE = Duration.ofSeconds(5);
  /** Each URL lives at least this long (or 5% of the duration) before renewal: no renewal storms. */
  static final Duration MIN_LIFETIME = Duration.ofSeconds(5);

  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern LABEL_KEY =
      Pattern.compile("([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?"
          + "[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");
  private static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?");

  private final Duration maxDuration;

  /** @param maxDuration the operator's cap on URL validity */
  public SignedUrlRequestValidator(Duration maxDuration) {
    this.maxDuration = maxDuration;
  }

  public RequestValidation validate(String resourceName, SignedUrlRequestSpec spec) {
    if (spec == null || spec.getIntegrationRef() == null || isBlank(spec.getIntegrationRef().getName())) {
      return invalid(SignedUrlReason.IntegrationNotFound,
          "spec.integrationRef.name is missing; name a WasabiStorageIntegration in this namespace");
    }
    Optional<String> keyProblem = ObjectPaths.keyProblem(spec.getKey());
    if (keyProblem.isPresent()) {
      return invalid(SignedUrlReason.InvalidKey, "spec.key " + keyProblem.get());
    }
    HttpMethod method = spec.getMethod() == null ? HttpMethod.GET : spec.getMethod();
    Optional<String> contentType = Optional.ofNullable(spec.getContentType());
    if (contentType.isPresent()) {
      if (method != HttpMethod.PUT) {
        return invalid(SignedUrlReason.InvalidContentType,
            "spec.contentType applies to PUT only (it is signed into the upload); remove it or set method: PUT");
      }
      if (!MediaTypes.isValid(contentType.get())) {
        return invalid(SignedUrlReason.InvalidContentType,
            "spec.contentType must be a media type such as image/jpeg, at most 255 characters");
      }
    }

    Duration cap = maxDuration;
    Duration duration = DEFAULT_DURATION.compareTo(cap) > 0 ? cap : DEFAULT_DURATION;
    if (spec.getDuration() != null) {
      Optional<Duration> parsed = GoDuration.parse(spec.getDuration());
      if (parsed.isEmpty() || parsed.get().compareTo(MIN_DURATION) < 0) {
        return invalid(SignedUrlReason.InvalidDuration, "spec.duration must be a duration of at least 1m, "
            + "written like 90m or 4h");
      }
      if (parsed.get().compareTo(cap) > 0) {
        return invalid(SignedUrlReason.DurationTooLong, "spec.duration " + GoDuration.format(parsed.get())
            + " is longer than the operator allows (" + GoDuration.format(cap) + "); shorten it: the operator "
            + "renews the URL before it expires");
      }
      duration = parsed.get();
    }
    Duration renewBefore = duration.dividedBy(3);
    if (spec.getRenewBefore() != null) {
      Optional<Duration> parsed = GoDuration.parse(spec.getRenewBefore());
      Duration minLifetime = max(MIN_LIFETIME, duration.dividedBy(20));
      if (parsed.isEmpty() || parsed.get().compareTo(MIN_RENEW_BEFORE) < 0
          || parsed.get().compareTo(duration.minus(minLifetime)) > 0) {
        return invalid(SignedUrlReason.InvalidRenewBefore, "spec.renewBefore must be a duration of at least 5s and "
            + "shorter than the duration (" + GoDuration.format(duration) + ") by at least "
            + GoDuration.format(minLifetime) + ", so that each URL is used before it is renewed; write it like 30m");
      }
      renewBefore = parsed.get();
    }

    String secretName = spec.getSecretName() == null ? resourceName : spec.getSecretName();
    if (secretName.length() > 253 || !DNS_SUBDOMAIN.matcher(secretName).matches()) {
      return invalid(SignedUrlReason.InvalidSecretName, "spec.secretName must be a valid Secret name: lowercase "
          + "letters, digits, '-' and '.', at most 253 characters");
    }
    SecretTemplate template = spec.getSecretTemplate() == null ? new SecretTemplate() : spec.getSecretTemplate();
    Map<String, String> labels = template.getLabels() == null ? Map.of() : template.getLabels();
    Map<String, String> annotations = template.getAnnotations() == null ? Map.of() : template.getAnnotations();
    for (Map.Entry<String, String> label : labels.entrySet()) {
      if (!validKey(label.getKey()) || label.getValue() == null || !LABEL_VALUE.matcher(label.getValue()).matches()) {
        return invalid(SignedUrlReason.InvalidSecretTemplate, "spec.secretTemplate.labels has an invalid label '"
            + printable(label.getKey()) + "'; keys are [prefix/]name, values at most 63 alphanumerics, '-', '_', '.'");
      }
    }
    for (String key : annotations.keySet()) {
      if (!validKey(key)) {
        return invalid(SignedUrlReason.InvalidSecretTemplate, "spec.secretTemplate.annotations has an invalid key '"
            + printable(key) + "'");
      }
    }
    return new RequestValidation.Valid(new RequestPlan(spec.getIntegrationRef().getName(), spec.getKey(), method,
        contentType, duration, renewBefore, secretName, labels, annotations,
        method == HttpMethod.GET && MiraxSlides.isSlide(spec.getKey())));
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static boolean validKey(String key) {
    return key != null && key.length() <= 316 && LABEL_KEY.matcher(key).matches();
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  private static String printable(String value) {
    return value == null ? "" : value.replaceAll("\\p{Cntrl}", "?");
  }

  private static RequestValidation.Invalid invalid(SignedUrlReason reason, String message) {
    return new RequestValidation.Invalid(reason, message);
  }
}
