package io.wasabioperator.storage;

import java.net.UnknownHostException;

/**
 * An endpoint's host resolved only to addresses the guard refuses. An {@link UnknownHostException}, so the
 * HTTP client gives up on the host as it does on one DNS does not know. The message names no address, not
 * even the host when it is one: addresses would tell a tenant what internal names resolve to.
 */
public final class RefusedAddressException extends UnknownHostException {
  private static final long serialVersionUID = 1L;

  RefusedAddressException() {
    super("the endpoint's host resolves only to addresses the operator does not connect to "
        + "(loopback, link-local, private, unspecified or multicast); an administrator can allow such ranges "
        + "with " + PrivateAddressGuard.ALLOWED_RANGES_SETTING);
  }
}
