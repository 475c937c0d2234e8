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
 * URL signature appears in a log line, an exception or the status of any resource.
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
    for (String text : texts) {
      for (String secret : secrets) {
        assertThat(String.valueOf(text)).as("log line, exception or status").doesNotContain(secret);
      }
    }
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    appender.stop();
  }
}
