package io.wasabioperator.signing.http;

/**
 * What the server asks of the signing API, in two steps, on a worker thread (they may ask the API server):
 * first from the head alone, the body unread, so that a caller who is turned away never has it read; then with
 * the body.
 *
 * @param <A> what the first step learned (the authenticated caller, say) and the second needs
 */
public interface CallHandler<A> {
  Admission<A> admit(Head head);

  Answer answer(Head head, A admitted, byte[] body);

  /**
   * The server answered on its own, without a step of the handler: a head it cannot read, a body too large, every
   * worker busy, a step that failed. For the handler's metrics.
   */
  default void answeredByServer(int status, String reason) {}

  /** The first step's outcome: read the body on, or this answer ends the call. */
  sealed interface Admission<A> {
    record Admitted<A>(A caller) implements Admission<A> {}

    record Refused<A>(Answer answer) implements Admission<A> {}
  }
}
