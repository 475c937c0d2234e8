package io.wasabioperator.install.rbac;

import io.wasabioperator.apiserver.rbac.RequestAttributes;
/**
 * One authorization a recorded request needs on a real API server: the request itself, or a check an
 * admission plugin makes on its behalf.
 *
 * @param reason why the check is made; empty for the request itself
 */
public record Check(RecordedRequest request, RequestAttributes attributes, String reason) {

  static Check of(RecordedRequest request) {
    return new Check(request, request.attributes(), "");
  }

  @Override
  public String toString() {
    return attributes + (reason.isEmpty() ? "" : " (" + reason + ")") + "  <-  " + request;
  }
}
