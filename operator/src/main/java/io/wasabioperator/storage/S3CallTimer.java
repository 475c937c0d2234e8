package io.wasabioperator.storage;

import java.time.Duration;
import software.amazon.awssdk.core.metrics.CoreMetric;
import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.MetricPublisher;

/** Receives the AWS SDK's own per-call metrics and passes each call's duration on. */
final class S3CallTimer implements MetricPublisher {
  private final S3CallListener listener;

  S3CallTimer(S3CallListener listener) {
    this.listener = listener;
  }

  @Override
  public void publish(MetricCollection call) {
    String operation = call.metricValues(CoreMetric.OPERATION_NAME).stream().findFirst().orElse("unknown");
    Duration duration = call.metricValues(CoreMetric.API_CALL_DURATION).stream().findFirst().orElse(Duration.ZERO);
    boolean successful = call.metricValues(CoreMetric.API_CALL_SUCCESSFUL).stream().findFirst().orElse(false);
    listener.called(operation, duration, successful);
  }

  @Override
  public void close() {}
}
