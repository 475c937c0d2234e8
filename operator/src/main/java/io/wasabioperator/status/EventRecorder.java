package io.wasabioperator.status;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.fabric8.kubernetes.api.model.events.v1.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records Kubernetes Events (events.k8s.io/v1) for transitions worth a human's attention. Callers pass
 * only reasons and messages that are safe to show: never a credential or a presigned URL. Best effort:
 * an Event that cannot be written is logged and dropped, never a reason to fail a reconcile.
 */
public final class EventRecorder {
  public static final String REPORTING_CONTROLLER = "wasabi-operator";
  private static final DateTimeFormatter MICRO_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final Logger log = LoggerFactory.getLogger(EventRecorder.class);

  private final KubernetesClient client;
  private final Clock clock;
  private final String instance;

  public EventRecorder(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
    this.instance = System.getenv().getOrDefault("HOSTNAME", REPORTING_CONTROLLER);
  }

  public void normal(HasMetadata regarding, String reason, String note) {
    record(regarding, "Normal", reason, note);
  }

  public void warning(HasMetadata regarding, String reason, String note) {
    record(regarding, "Warning", reason, note);
  }

  private void record(HasMetadata regarding, String type, String reason, String note) {
    var now = clock.instant();
    Event event = new EventBuilder()
        .withNewMetadata()
          .withName(EventNames.of(regarding.getMetadata().getName(), now))
          .withNamespace(regarding.getMetadata().getNamespace())
        .endMetadata()
        .withRegarding(new ObjectReferenceBuilder()
            .withApiVersion(regarding.getApiVersion())
            .withKind(regarding.getKind())
            .withName(regarding.getMetadata().getName())
            .withNamespace(regarding.getMetadata().getNamespace())
            .withUid(regarding.getMetadata().getUid())
            .build())
        .withType(type)
        .withReason(reason)
        .withAction(reason)
        .withNote(EventNames.note(note))
        .withEventTime(new MicroTime(MICRO_TIME.format(now)))
        .withReportingController(REPORTING_CONTROLLER)
        .withReportingInstance(instance)
        .build();
    try {
      client.resources(Event.class).inNamespace(regarding.getMetadata().getNamespace()).resource(event).create();
    } catch (KubernetesClientException e) {
      // Never a reason to fail a reconcile, but worth seeing: a 403 means the chart's RBAC is missing.
      log.warn("Event {} not recorded: HTTP {}", reason, e.getCode());
    }
  }
}
