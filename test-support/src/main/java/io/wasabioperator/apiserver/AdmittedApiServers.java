package io.wasabioperator.apiserver;

import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.Dispatcher;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.function.UnaryOperator;

/** Starts fabric8's mock API server in CRUD mode with {@link AdmittingStore} as its store. */
public final class AdmittedApiServers {
  private AdmittedApiServers() {}

  /**
   * A started server over HTTPS, as {@code @EnableKubernetesMockClient(crud = true)} gives it: expectations set
   * with {@code server.expect()} are answered first, every other request by the admitting store.
   *
   * @param around wraps the dispatcher (a recorder, say); {@code UnaryOperator.identity()} for none
   */
  public static KubernetesMockServer start(UnaryOperator<Dispatcher> around) {
    return start(AdmittingStore.ofProjectCrds(), around);
  }

  /** As {@link #start(UnaryOperator)}, with a store of other CRDs. */
  public static KubernetesMockServer start(AdmittingStore store, UnaryOperator<Dispatcher> around) {
    Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
    Dispatcher dispatcher = around.apply(new ExpectationsFirst(expectations, store));
    KubernetesMockServer server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), new MockWebServer(),
        expectations, dispatcher, true);
    server.init();
    return server;
  }
}
