package io.wasabioperator.grants;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.wasabioperator.api.AccessMode;
import io.wasabioperator.api.PlatformGrantSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GrantMatcherTest {
  private static final Map<String, String> TEAM_LABELS = Map.of("tenant", "customer-a", "tier", "gold");

  /**
   * One grant, written as its fields ('-' for absent, '|' between items), against one integration.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = ';', value = {
      "every namespace, every bucket;               *;          *;                -;                -;        -;           team-b; b;          ;           ReadWrite; -;            true",
      "the namespace by name;                       team-a;     customer-a-*;     -;                -;        -;           team-a; customer-a-slides; ; ReadWrite; -;         true",
      "another namespace;                           team-a;     customer-a-*;     -;                -;        -;           team-b; customer-a-slides; ; ReadWrite; -;         false",
      "another bucket;                              team-a;     customer-a-*;     -;                -;        -;           team-a; customer-b-slides; ; ReadWrite; -;         false",
      "a glob in the middle;                        *;          team-*-slides;    -;                -;        -;           x;      team-7-slides; ;     ReadOnly;  -;          true",
      "the folder inside a granted prefix;          *;          shared;           team-a/;          -;        -;           x;      shared;     team-a/cases/; ReadWrite; -;        true",
      "the granted prefix itself;                   *;          shared;           /team-a;          -;        -;           x;      shared;     team-a/;    ReadWrite; -;          true",
      "a sibling folder sharing the name's start;   *;          shared;           team-a/;          -;        -;           x;      shared;     team-ab/;   ReadWrite; -;          false",
      "the whole bucket when prefixes are set;      *;          shared;           team-a/;          -;        -;           x;      shared;     ;           ReadWrite; -;          false",
      "a mode that is granted;                      *;          *;                -;                ReadOnly; -;           x;      b;          ;           ReadOnly;  -;          true",
      "a mode that is not;                          *;          *;                -;                ReadOnly; -;           x;      b;          ;           ReadWrite; -;          false",
      "an overridden endpoint without endpoints;    *;          *;                -;                -;        -;           x;      b;          ;           ReadWrite; s3.example.com; false",
      "an overridden endpoint that is granted;      *;          *;                -;                -;        *.example.com; x;    b;          ;           ReadWrite; S3.Example.com; true",
      "an overridden endpoint that is not;          *;          *;                -;                -;        *.example.com; x;    b;          ;           ReadWrite; evil.example.org; false",
      "a glob does not span labels;                 *;          *;                -;                -;        s3.example.*; x;     b;          ;           ReadWrite; s3.example.attacker.io; false",
      "a glob within one label;                     *;          *;                -;                -;        s3.*.example.com; x; b;          ;           ReadWrite; s3.eu.example.com; true",
      "a trailing dot is the same host;             *;          *;                -;                -;        s3.example.com; x;   b;          ;           ReadWrite; s3.example.com.; true",
      "an IPv6 literal, written differently;        *;          *;                -;                -;        [fd00:0::1]; x;      b;          ;           ReadWrite; fd00::1; true",
      "another IPv6 literal;                        *;          *;                -;                -;        [fd00::1]; x;        b;          ;           ReadWrite; fd00::2; false",
      "regex characters are plain;                  *;          a.c;              -;                -;        -;           x;      abc;        ;           ReadWrite; -;            false"})
  void coversWhatItNamesAndNothingElse(String why, String namespaces, String buckets, String prefixes,
      String modes, String endpoints, String namespace, String bucket, String accessPrefix, AccessMode mode,
      String endpoint, boolean covered) {
    PlatformGrantSpec grant = new PlatformGrantSpec();
    grant.setNamespaces(list(namespaces));
    grant.setBuckets(list(buckets));
    grant.setPrefixes(list(prefixes));
    grant.setModes(list(modes) == null ? null : list(modes).stream().map(AccessMode::valueOf).toList());
    grant.setEndpoints(list(endpoints));
    GrantSubject subject = new GrantSubject(namespace, Optional.of(Map.of()), bucket, accessPrefix == null ? "" : accessPrefix,
        mode, "-".equals(endpoint) ? Optional.empty() : Optional.of(endpoint));

    assertThat(GrantMatcher.covering(List.of(Grant.resource("g", grant)), subject).isPresent()).as(why)
        .isEqualTo(covered);
  }

  @Test
  void aNamespaceSelectorMatchesByLabels() {
    PlatformGrantSpec grant = new PlatformGrantSpec();
    grant.setBuckets(List.of("*"));
    grant.setNamespaceSelector(new LabelSelectorBuilder().addToMatchLabels("tenant", "customer-a")
        .addNewMatchExpression().withKey("tier").withOperator("In").withValues("gold", "silver").endMatchExpression()
        .addNewMatchExpression().withKey("frozen").withOperator("DoesNotExist").endMatchExpression()
        .build());
    List<Grant> grants = List.of(Grant.resource("by-label", grant));

    assertThat(GrantMatcher.covering(grants, subject("team-a", TEAM_LABELS))).isPresent();
    assertThat(GrantMatcher.covering(grants, subject("team-b", Map.of("tenant", "customer-b", "tier", "gold"))))
        .isEmpty();
    assertThat(GrantMatcher.covering(grants, subject("team-c", Map.of("tenant", "customer-a", "tier", "bronze"))))
        .isEmpty();
    assertThat(GrantMatcher.covering(grants, subject("team-d", Map.of("tenant", "customer-a", "tier", "gold",
        "frozen", "yes")))).isEmpty();
  }

  @Test
  void aNamespaceNotSeenYetMatchesNoSelectorNotEvenNotIn() {
    PlatformGrantSpec grant = new PlatformGrantSpec();
    grant.setBuckets(List.of("*"));
    grant.setNamespaceSelector(new LabelSelectorBuilder().addNewMatchExpression().withKey("tier")
        .withOperator("NotIn").withValues("untrusted").endMatchExpression().build());
    List<Grant> grants = List.of(Grant.resource("not-untrusted", grant));

    assertThat(GrantMatcher.covering(grants, new GrantSubject("new", Optional.empty(), "slides", "",
        AccessMode.ReadOnly, Optional.empty()))).isEmpty();
    assertThat(GrantMatcher.covering(grants, subject("new", Map.of()))).isPresent();
  }

  @Test
  void theFirstCoveringGrantIsNamedAndTheRefusalSaysWhatToGrant() {
    PlatformGrantSpec other = new PlatformGrantSpec();
    other.setNamespaces(List.of("team-z"));
    other.setBuckets(List.of("*"));
    PlatformGrantSpec covering = new PlatformGrantSpec();
    covering.setNamespaces(List.of("team-a"));
    covering.setBuckets(List.of("slides"));
    List<Grant> grants = List.of(Grant.configured(1, other), Grant.resource("team-a-slides", covering));

    assertThat(GrantMatcher.covering(grants, subject("team-a", Map.of()))).map(Grant::source)
        .hasValue("WasabiPlatformGrant/team-a-slides");
    assertThat(GrantMatcher.refusal(new GrantSubject("team-b", Optional.of(Map.of()), "customer-a-slides", "cases/",
        AccessMode.ReadWrite, Optional.empty())))
        .contains("namespace team-b", "bucket customer-a-slides", "folder cases/", "mode ReadWrite",
            "WasabiPlatformGrant", "spec.credentialsSecretRef");
  }

  private static GrantSubject subject(String namespace, Map<String, String> labels) {
    return new GrantSubject(namespace, Optional.of(labels), "slides", "", AccessMode.ReadOnly, Optional.empty());
  }

  private static List<String> list(String items) {
    return items == null || items.equals("-") ? null : Arrays.stream(items.split("\\|")).map(String::trim).toList();
  }
}
