package io.wasabioperator.signing.http;

import java.net.InetAddress;
import java.util.Optional;

/**
 * A call's request line and the headers the signing API reads, before its body is read.
 *
 * @param authorization the Authorization header, if sent
 * @param source the caller's address, for limits on callers that are not authenticated
 */
public record Head(String method, String path, Optional<String> authorization, InetAddress source) {
  /** Without the Authorization header: a token must not reach a log line by way of a Head. */
  @Override
  public String toString() {
    return "Head[" + method + " " + path + " from " + source.getHostAddress()
        + (authorization.isPresent() ? ", with Authorization" : "") + "]";
  }
}
