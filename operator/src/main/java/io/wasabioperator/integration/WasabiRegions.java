package io.wasabioperator.integration;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The Wasabi regions and their endpoints. */
public final class WasabiRegions {
  public static final List<String> ALL = List.of(
      "us-east-1", "us-east-2", "us-central-1", "us-west-1", "us-west-2", "ca-central-1",
      "eu-central-1", "eu-central-2", "eu-west-1", "eu-west-2", "eu-west-3", "eu-south-1",
      "ap-northeast-1", "ap-northeast-2", "ap-southeast-1", "ap-southeast-2");

  private WasabiRegions() {}

  public static boolean isKnown(String region) {
    return ALL.contains(region);
  }

  /** The known region this one differs from only by case or surrounding spaces, for a hint. */
  public static Optional<String> closest(String region) {
    String folded = region == null ? "" : region.trim().toLowerCase(Locale.ROOT);
    return ALL.stream().filter(folded::equals).findFirst();
  }

  /** Whether a host is one of Wasabi's own S3 endpoints, regional or the global one. */
  public static boolean isWasabiHost(String host) {
    String folded = host.toLowerCase(Locale.ROOT);
    return folded.equals("s3.wasabisys.com")
        || ALL.stream().anyMatch(region -> folded.equals("s3." + region + ".wasabisys.com"));
  }

  public static URI endpoint(String region) {
    return URI.create("https://s3." + region + ".wasabisys.com");
  }
}
