package io.wasabioperator.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wasabioperator.api.SignedUrlRequest;
import io.wasabioperator.api.WasabiStorageIntegration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Records every log line while a test class runs, then checks that no secret value and no presigned
 * URL signature appears in a log line, an exception, an Event or the status of any resource.
 */
public final class LeakCheck implements AutoCloseable {
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

  public LeakCheck() {
    appender.start();
    root.addAppender(appender);
  }

  /** @param secrets values that must never be shown: secret keys, and "X-Amz-Signature" for URLs */
  public void assertNothingLeaked(KubernetesClient client, List<String> secrets) throws JsonProcessingException {
    List<String> texts = new ArrayList<>();
    synchronized (appender.list) {
      for (ILoggingEvent event : appender.list) {
        texts.add(event.getFormattedMessage());
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
          texts.add(t.getMessage());
        }
      }
    }
    assertThat(texts).as("log lines recorded").isNotEmpty();
    ObjectMapper json = new ObjectMapper();
    for (var integration : client.resources(WasabiStorageIntegration.class).inAnyNamespace().list().getItems()) {
      texts.add(json.writeValueAsString(integration.getStatus()));
    }
    for (var request : client.resources(SignedUrlRequest.class).inAnyNamespace().list().getItems()) {
      texts.add(json.writeValueAsString(request.getStatus()));
    }
    for (var event : client.resources(io.fabric8.kubernetes.api.model.events.v1.Event.class).inAnyNamespace().list()
        .getItems()) {
      texts.add(event.getReason() + " " + event.getNote());
    }
    for (String text : texts) {
      for (String secret : secrets) {
        assertThat(String.valueOf(text)).as("log line, exception or status").doesNotContain(secret);
      }
    }
  }

  /**
   * Every line logged while reconciling (by the reconcilers and the pieces they call, in the packages
   * of the two kinds) names its resource through the MDC, as the log pattern shows it.
   */
  public void assertReconcilerLinesNameTheirResource() {
    List<ILoggingEvent> lines;
    synchronized (appender.list) {
      lines = appender.list.stream().filter(e -> e.getLoggerName().startsWith("io.wasabioperator.signedurl.")
          || e.getLoggerName().startsWith("io.wasabioperator.integration.")).toList();
    }
    assertThat(lines).as("reconciler log lines").isNotEmpty();
    assertThat(lines).allSatisfy(line -> assertThat(line.getMDCPropertyMap())
        .as(line.getFormattedMessage()).containsKeys("resource.namespace", "resource.name"));
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    appender.stop();
  }
}
