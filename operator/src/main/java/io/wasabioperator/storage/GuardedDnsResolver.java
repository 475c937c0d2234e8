package io.wasabioperator.storage;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * Resolves hosts for the HTTP client and hands back only the addresses the guard accepts. The client
 * connects to exactly what this returns, for every new connection, so a name that resolves to a public
 * address when checked and to a private one when used (DNS rebinding) gains nothing. Literal addresses
 * in a URL come through here too.
 */
final class GuardedDnsResolver implements DnsResolver {
  /** Where addresses come from: the system's resolver, or a test's answers (Java 17 has no resolver plug-in). */
  @FunctionalInterface
  interface Lookup {
    InetAddress[] addresses(String host) throws UnknownHostException;
  }

  private final PrivateAddressGuard guard;
  private final Optional<String> exemptHost;
  private final Lookup lookup;

  /**
   * @param exemptHost the administrator's proxy, resolved without the guard: it may well be inside the
   *     cluster, and through it the client never resolves a tenant's host itself
   */
  GuardedDnsResolver(PrivateAddressGuard guard, Optional<String> exemptHost) {
    this(guard, exemptHost, InetAddress::getAllByName);
  }

  GuardedDnsResolver(PrivateAddressGuard guard, Optional<String> exemptHost, Lookup lookup) {
    this.guard = guard;
    this.exemptHost = exemptHost.map(GuardedDnsResolver::normalised);
    this.lookup = lookup;
  }

  @Override
  public InetAddress[] resolve(String host) throws UnknownHostException {
    InetAddress[] addresses = lookup.addresses(host);
    if (exemptHost.isPresent() && exemptHost.get().equals(normalised(host))) {
      return addresses;
    }
    InetAddress[] permitted = Arrays.stream(addresses).filter(address -> !guard.refuses(address))
        .toArray(InetAddress[]::new);
    if (permitted.length == 0) {
      throw new RefusedAddressException();
    }
    return permitted;
  }

  @Override
  public String resolveCanonicalHostname(String host) throws UnknownHostException {
    return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
  }

  // Host names are case-insensitive, and an IPv6 literal may come with or without its brackets.
  private static String normalised(String host) {
    String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    return bare.toLowerCase(Locale.ROOT);
  }
}
