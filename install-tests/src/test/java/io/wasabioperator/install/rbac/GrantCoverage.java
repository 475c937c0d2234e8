package io.wasabioperator.install.rbac;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.wasabioperator.apiserver.rbac.BoundRule;
import io.wasabioperator.apiserver.rbac.PolicyRules;
import io.wasabioperator.apiserver.rbac.RbacPolicy;
import io.wasabioperator.apiserver.rbac.RuleLocation;
import io.wasabioperator.install.chart.Chart.Grant;
import io.wasabioperator.install.chart.Chart;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Which of the permissions a chart grants were used: each permission (a verb on one group, resource and
 * name, or on any name) must allow at least one allowed check, unless every rule granting it is marked
 * `# unrecorded:`. A marked rule that the checks do use is reported too: its mark has gone stale.
 */
final class GrantCoverage {
  /** One permission of one bound rule, and that permission alone as a rule. */
  private record Entry(Grant grant, BoundRule rule, PolicyRule alone) {
    Entry(Grant grant, BoundRule rule) {
      this(grant, rule, ruleOf(grant));
    }
  }

  private final List<Entry> entries = new ArrayList<>();
  private final Map<Entry, Check> firstUse = new HashMap<>();
  private final Map<RuleLocation, String> unrecorded;

  GrantCoverage(RbacPolicy policy, Map<RuleLocation, String> unrecorded) {
    this.unrecorded = unrecorded;
    for (BoundRule rule : policy.rules()) {
      for (Grant grant : Chart.grants(List.of(rule.rule()))) {
        entries.add(new Entry(grant, rule));
      }
    }
  }

  /** Counts an allowed check against every permission that alone would allow it. */
  void use(Check allowed) {
    for (Entry entry : entries) {
      if (entry.rule().holdsFor(allowed.attributes()) && PolicyRules.allows(entry.alone(), allowed.attributes())) {
        firstUse.putIfAbsent(entry, allowed);
      }
    }
  }

  /** Permissions no check used, each with the rules that grant it. */
  List<String> unused() {
    Map<Grant, List<Entry>> byGrant = entries.stream()
        .collect(Collectors.groupingBy(Entry::grant, TreeMap::new, Collectors.toList()));
    List<String> unused = new ArrayList<>();
    byGrant.forEach((grant, grantedBy) -> {
      boolean used = grantedBy.stream().anyMatch(firstUse::containsKey);
      boolean exempt = grantedBy.stream().allMatch(e -> unrecorded.containsKey(e.rule().location()));
      if (!used && !exempt) {
        unused.add(describe(grant) + ", granted by " + locations(grantedBy));
      }
    });
    return unused;
  }

  /** Permissions of rules marked `# unrecorded:` that a check did use. */
  List<String> markedButUsed() {
    Map<String, Check> used = new LinkedHashMap<>();
    for (Entry entry : entries) {
      RuleLocation location = entry.rule().location();
      if (firstUse.containsKey(entry) && unrecorded.containsKey(location)) {
        used.putIfAbsent(describe(entry.grant()) + " in " + location + " (marked unrecorded: "
            + unrecorded.get(location) + ")", firstUse.get(entry));
      }
    }
    return used.entrySet().stream().map(e -> e.getKey() + " is used by " + e.getValue()).toList();
  }

  static String describe(Grant grant) {
    if (grant.isNonResource()) {
      return grant.verb() + " " + grant.resource();
    }
    return grant.verb() + " " + (grant.apiGroup().isEmpty() ? "core" : grant.apiGroup()) + " " + grant.resource()
        + (grant.resourceName().isEmpty() ? " (any name)" : " \"" + grant.resourceName() + "\"");
  }

  private static String locations(List<Entry> entries) {
    Set<String> locations = entries.stream().map(e -> e.rule().location().toString())
        .collect(Collectors.toCollection(TreeSet::new));
    return String.join(", ", locations);
  }

  private static PolicyRule ruleOf(Grant grant) {
    PolicyRuleBuilder rule = new PolicyRuleBuilder().withVerbs(grant.verb());
    if (grant.isNonResource()) {
      return rule.withNonResourceURLs(grant.resource()).build();
    }
    rule.withApiGroups(grant.apiGroup()).withResources(grant.resource());
    return grant.resourceName().isEmpty() ? rule.build() : rule.withResourceNames(grant.resourceName()).build();
  }
}
