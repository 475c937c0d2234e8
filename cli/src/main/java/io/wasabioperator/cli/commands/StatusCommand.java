package io.wasabioperator.cli.commands;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.wasabioperator.api.Permissions;
import io.wasabioperator.api.SignedUrlRequest;
import io.wasabioperator.api.SignedUrlRequestSpec;
import io.wasabioperator.api.SignedUrlRequestStatus;
import io.wasabioperator.api.WasabiStorageIntegration;
import io.wasabioperator.api.WasabiStorageIntegrationSpec;
import io.wasabioperator.api.WasabiStorageIntegrationStatus;
import io.wasabioperator.cli.KubeCommand;
import io.wasabioperator.cli.ResourceKind;
import io.wasabioperator.cli.ResourceRef;
import io.wasabioperator.cli.output.Ages;
import io.wasabioperator.cli.output.Documents;
import io.wasabioperator.cli.output.Output;
import io.wasabioperator.cli.output.When;
import io.wasabioperator.cli.reasons.ReasonTexts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** One resource's state in one screen: spec, effective values, conditions with what to do, recent Events. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = {"Show a resource's state and what to do about it.", "", "Show a WasabiStorageIntegration or SignedUrlRequest: what it asks for, the effective values, "
        + "its conditions with what to do about each reason, permissions, URL expiry and next renewal, and its "
        + "recent Events.",
        "", "Examples:", "  kubectl wasabi status wsi/slides -n demo", "  kubectl wasabi status sur slide-url -o yaml"})
public final class StatusCommand extends KubeCommand {
  private static final int MAX_EVENTS = 10;
  /** In place of events when they cannot be listed: the API's answer, such as Forbidden. */
  private static final String EVENTS_UNAVAILABLE = "eventsUnavailable";

  @Parameters(paramLabel = "TYPE/NAME", arity = "1..2",
      description = "wsi/NAME or sur/NAME (or wasabistorageintegration/NAME, signedurlrequest/NAME, TYPE NAME).")
  List<String> resource;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "yaml or json: the same facts as a document.")
  Output output;

  @Override
  public Integer call() {
    ResourceRef ref = ref(resource);
    Instant now = clock().instant();
    Map<String, Object> report = ref.kind() == ResourceKind.INTEGRATION
        ? integration(get(WasabiStorageIntegration.class, ref), now)
        : request(get(SignedUrlRequest.class, ref), now);
    if (output != null) {
      out().print(Documents.format(report, output));
    } else {
      out().print(text(report));
    }
    return 0;
  }

  private Map<String, Object> integration(WasabiStorageIntegration wsi, Instant now) {
    WasabiStorageIntegrationSpec spec = wsi.getSpec();
    WasabiStorageIntegrationStatus status = wsi.getStatus() == null ? new WasabiStorageIntegrationStatus()
        : wsi.getStatus();
    Map<String, Object> specFacts = new LinkedHashMap<>();
    if (spec != null) {
      put(specFacts, "bucket", spec.getBucket());
      put(specFacts, "region", spec.getRegion());
      put(specFacts, "mode", spec.getMode());
      put(specFacts, "prefix", spec.getPrefix());
      put(specFacts, "accessPrefix", spec.getAccessPrefix());
      put(specFacts, "mirax", spec.getMirax());
      put(specFacts, "endpoint", spec.getEndpoint());
      put(specFacts, "credentialsSecret", spec.getCredentialsSecretRef() == null ? "(platform identity)"
          : spec.getCredentialsSecretRef().getName());
    }
    Map<String, Object> effective = new LinkedHashMap<>();
    put(effective, "storageName", status.getStorageName());
    put(effective, "endpoint", status.getEndpoint());
    put(effective, "writeLocation", status.getWriteLocation());
    put(effective, "connectionSecret", status.getConnectionSecretName());
    put(effective, "platformGrant", status.getPlatformGrant());
    put(effective, "lastProbe", when(status.getLastProbeTime(), now));
    put(effective, "observedGeneration", generation(status.getObservedGeneration(), wsi));
    Map<String, Object> report = header(wsi, specFacts, effective);
    Permissions permissions = status.getPermissions();
    if (permissions != null) {
      Map<String, Object> granted = new LinkedHashMap<>();
      put(granted, "read", permissions.getRead());
      put(granted, "write", permissions.getWrite());
      put(granted, "list", permissions.getList());
      report.put("permissions", granted);
    }
    return finish(report, ResourceKind.INTEGRATION, wsi, status.getConditions(), now);
  }

  private Map<String, Object> request(SignedUrlRequest sur, Instant now) {
    SignedUrlRequestSpec spec = sur.getSpec();
    SignedUrlRequestStatus status = sur.getStatus() == null ? new SignedUrlRequestStatus() : sur.getStatus();
    Map<String, Object> specFacts = new LinkedHashMap<>();
    if (spec != null) {
      put(specFacts, "integration", spec.getIntegrationRef() == null ? null : spec.getIntegrationRef().getName());
      put(specFacts, "key", spec.getKey());
      put(specFacts, "method", spec.getMethod() == null ? "GET (default)" : spec.getMethod());
      put(specFacts, "duration", spec.getDuration() == null
          ? CreateCommand.DEFAULT_MAX_URL_DURATION + " (default, or the operator's cap)" : spec.getDuration());
      put(specFacts, "renewBefore", spec.getRenewBefore() == null ? "a third of duration (default)"
          : spec.getRenewBefore());
      put(specFacts, "secretName", spec.getSecretName());
    }
    Map<String, Object> effective = new LinkedHashMap<>();
    put(effective, "secret", status.getSecretName());
    put(effective, "revision", status.getRevision());
    put(effective, "objects", status.getObjectCount());
    put(effective, "signed", when(status.getNotBefore(), now));
    put(effective, "urlExpiry", when(status.getNotAfter(), now));
    put(effective, "nextRenewal", when(status.getRenewalTime(), now));
    put(effective, "lastRenewRequest", status.getLastRenewRequest());
    put(effective, "failedIssuanceAttempts", status.getFailedIssuanceAttempts());
    put(effective, "lastFailure", when(status.getLastFailureTime(), now));
    put(effective, "observedGeneration", generation(status.getObservedGeneration(), sur));
    return finish(header(sur, specFacts, effective), ResourceKind.REQUEST, sur, status.getConditions(), now);
  }

  private static Map<String, Object> header(HasMetadata object, Map<String, Object> spec,
      Map<String, Object> effective) {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("kind", object.getKind());
    report.put("name", object.getMetadata().getName());
    report.put("namespace", object.getMetadata().getNamespace());
    report.put("spec", spec);
    report.put("effective", effective);
    return report;
  }

  private Map<String, Object> finish(Map<String, Object> report, ResourceKind kind, HasMetadata object,
      List<Condition> conditions, Instant now) {
    List<Map<String, Object>> shown = new ArrayList<>();
    for (Condition condition : conditions == null ? List.<Condition>of() : conditions) {
      Map<String, Object> fact = new LinkedHashMap<>();
      fact.put("type", condition.getType());
      fact.put("status", condition.getStatus());
      put(fact, "reason", condition.getReason());
      put(fact, "message", condition.getMessage());
      put(fact, "lastTransition", when(condition.getLastTransitionTime(), now));
      if (condition.getReason() != null) {
        List<String> todo = ReasonTexts.forCondition(kind, condition.getType(), condition.getReason()).stream()
            .filter(entry -> !entry.happy()).map(ReasonTexts.Entry::whatToDo).toList();
        if (!todo.isEmpty()) {
          fact.put("whatToDo", todo);
        }
      }
      shown.add(fact);
    }
    report.put("conditions", shown);
    try {
      report.put("events", events(object, now));
    } catch (KubernetesClientException e) {
      // the object's state stands without them; the reader learns why they are missing
      report.put(EVENTS_UNAVAILABLE, answer(e));
    }
    return report;
  }

  /** The newest Events about the object (events.k8s.io/v1, as the operator writes them), oldest first. */
  private List<Map<String, Object>> events(HasMetadata object, Instant now) {
    List<Event> about = client().resources(Event.class).inNamespace(object.getMetadata().getNamespace()).list()
        .getItems().stream().filter(event -> regards(event, object))
        .sorted(Comparator.comparing(StatusCommand::eventTime)).toList();
    List<Map<String, Object>> shown = new ArrayList<>();
    for (Event event : about.subList(Math.max(0, about.size() - MAX_EVENTS), about.size())) {
      Map<String, Object> fact = new LinkedHashMap<>();
      fact.put("age", Ages.relative(eventTime(event), now));
      put(fact, "type", event.getType());
      put(fact, "reason", event.getReason());
      put(fact, "note", event.getNote());
      shown.add(fact);
    }
    return shown;
  }

  private static boolean regards(Event event, HasMetadata object) {
    if (event.getRegarding() == null) {
      return false;
    }
    String uid = object.getMetadata().getUid();
    if (uid != null && event.getRegarding().getUid() != null) {
      return uid.equals(event.getRegarding().getUid());
    }
    return Objects.equals(object.getKind(), event.getRegarding().getKind())
        && Objects.equals(object.getMetadata().getName(), event.getRegarding().getName());
  }

  private static Instant eventTime(Event event) {
    if (event.getEventTime() != null && event.getEventTime().getTime() != null) {
      return Ages.parse(event.getEventTime().getTime()).orElse(Instant.EPOCH);
    }
    return Ages.parse(event.getMetadata().getCreationTimestamp()).orElse(Instant.EPOCH);
  }

  private static String generation(Long observed, HasMetadata object) {
    Long generation = object.getMetadata().getGeneration();
    if (observed == null) {
      return null;
    }
    return observed.equals(generation) || generation == null ? String.valueOf(observed)
        : observed + " (the spec is at generation " + generation + ": not handled yet)";
  }

  private static When when(String rfc3339, Instant now) {
    return Ages.parse(rfc3339).map(at -> When.of(at, now)).orElse(null);
  }

  private static void put(Map<String, Object> facts, String key, Object value) {
    if (value != null) {
      facts.put(key, value instanceof Enum<?> e ? e.name() : value);
    }
  }

  /** The report as a person reads it. */
  @SuppressWarnings("unchecked")
  static String text(Map<String, Object> report) {
    StringBuilder text = new StringBuilder();
    text.append(report.get("kind")).append(' ').append(report.get("namespace")).append('/')
        .append(report.get("name")).append('\n');
    section(text, "Spec", (Map<String, Object>) report.get("spec"));
    section(text, "Effective", (Map<String, Object>) report.get("effective"));
    if (report.containsKey("permissions")) {
      section(text, "Permissions", (Map<String, Object>) report.get("permissions"));
    }
    text.append("Conditions:\n");
    List<Map<String, Object>> conditions = (List<Map<String, Object>>) report.get("conditions");
    if (conditions.isEmpty()) {
      text.append("  (none yet: the operator has not handled it)\n");
    }
    for (Map<String, Object> condition : conditions) {
      text.append("  ").append(condition.get("type")).append('=').append(condition.get("status"));
      if (condition.containsKey("reason")) {
        text.append("  ").append(condition.get("reason"));
      }
      if (condition.get("lastTransition") instanceof When when) {
        text.append("  (").append(when.relative()).append(')');
      }
      text.append('\n');
      if (condition.containsKey("message")) {
        text.append("      ").append(condition.get("message")).append('\n');
      }
      for (String todo : (List<String>) condition.getOrDefault("whatToDo", List.of())) {
        text.append("      what to do: ").append(todo).append('\n');
      }
    }
    if (report.containsKey(EVENTS_UNAVAILABLE)) {
      return text.append("Events: <unavailable: ").append(report.get(EVENTS_UNAVAILABLE)).append(">\n").toString();
    }
    text.append("Events:\n");
    List<Map<String, Object>> events = (List<Map<String, Object>>) report.get("events");
    if (events.isEmpty()) {
      text.append("  <none>\n");
    }
    for (Map<String, Object> event : events) {
      text.append("  ").append(event.get("age")).append("  ").append(event.getOrDefault("type", ""))
          .append("  ").append(event.getOrDefault("reason", "")).append("  ").append(event.getOrDefault("note", ""))
          .append('\n');
    }
    return text.toString();
  }

  private static void section(StringBuilder text, String title, Map<String, Object> facts) {
    text.append(title).append(":\n");
    facts.forEach((key, value) -> text.append("  ").append(key).append(": ").append(value).append('\n'));
  }
}
