package io.wasabioperator.apiserver;

import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.internal.MockDispatcher;
import io.fabric8.mockwebserver.internal.SimpleRequest;
import java.util.Map;
import java.util.Queue;

/** fabric8's mixed mode with our store: a request a test set an expectation for gets it, any other the store. */
final class ExpectationsFirst extends Dispatcher {
  private final Map<ServerRequest, Queue<ServerResponse>> expectations;
  private final MockDispatcher expected;
  private final Dispatcher store;

  ExpectationsFirst(Map<ServerRequest, Queue<ServerResponse>> expectations, Dispatcher store) {
    this.expectations = expectations;
    this.expected = new MockDispatcher(expectations);
    this.store = store;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    Queue<ServerResponse> queue = expectations.get(
        new SimpleRequest(HttpMethod.valueOf(request.getMethod()), request.getPath()));
    return queue != null && !queue.isEmpty() ? expected.dispatch(request) : store.dispatch(request);
  }

  @Override
  public void shutdown() {
    store.shutdown();
  }
}
