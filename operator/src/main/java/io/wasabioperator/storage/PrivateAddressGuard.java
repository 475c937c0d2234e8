package io.wasabioperator.storage;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Decides which addresses the S3 client may connect to. Tenants choose the endpoint, so without this a
 * probe could reach the operator's host, the cluster's services and the cloud's metadata service.
 * Pure: it judges addresses already resolved.
 */
public final class PrivateAddressGuard {
  /** The operator setting that lists the allowed ranges, named in messages that tell how to allow a range. */
  public static final String ALLOWED_RANGES_SETTING = "WASABI_OPERATOR_PRIVATE_ENDPOINT_CIDRS";

  private static final List<AddressRange> INSIDE = Stream.of(
      // unspecified, loopback, link-local (where instance metadata services answer)
      "0.0.0.0/8", "::/128", "127.0.0.0/8", "::1/128", "169.254.0.0/16", "fe80::/10",
      // private networks, the deprecated IPv6 site-local range, and the shared space some clusters give pods
      "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7", "fec0::/10", "100.64.0.0/10",
      // IETF protocol assignments, benchmarking, multicast, reserved and broadcast
      "192.0.0.0/24", "198.18.0.0/15", "224.0.0.0/4", "240.0.0.0/4", "ff00::/8", "255.255.255.255",
      // NAT64 for local use (RFC 8215), which a cluster's own translator serves
      "64:ff9b:1::/48",
      // Azure's wire server (DHCP, DNS, the VM agent's channel), a public address every Azure VM can reach
      "168.63.129.16/32")
      .map(AddressRange::parse)
      .toList();

  private static final AddressRange NAT64 = AddressRange.parse("64:ff9b::/96");
  private static final AddressRange SIX_TO_FOUR = AddressRange.parse("2002::/16");
  private static final AddressRange IPV4_COMPATIBLE = AddressRange.parse("::/96");
  // ::ffff:0:0/96, built from bytes: Java reads the text ::ffff:a.b.c.d as the IPv4 address a.b.c.d.
  private static final AddressRange IPV4_MAPPED = new AddressRange(ipv6(new byte[] {
      0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 0, 0, 0, 0}), 96);

  private final List<AddressRange> allowed;

  /** @param allowed ranges the administrator lets through although they lie inside the cluster or host */
  public PrivateAddressGuard(List<AddressRange> allowed) {
    this.allowed = List.copyOf(allowed);
  }

  /** Connects to public addresses only: the safe default. */
  public static PrivateAddressGuard refusingAll() {
    return new PrivateAddressGuard(List.of());
  }

  public List<AddressRange> allowed() {
    return allowed;
  }

  /**
   * Whether the address lies inside the cluster or host, and no allowed range lets it through. An IPv6
   * address that carries an IPv4 one (NAT64, 6to4, IPv4-compatible, IPv4-mapped) is judged by that IPv4
   * address too, so that 64:ff9b::7f00:1 does not reach 127.0.0.1 through a translator, nor an AAAA answer
   * of ::ffff:169.254.169.254 the metadata service through a dual-stack socket.
   */
  public boolean refuses(InetAddress address) {
    return isRefused(address) || embeddedIpv4(address).map(this::isRefused).orElse(false);
  }

  private boolean isRefused(InetAddress address) {
    return INSIDE.stream().anyMatch(range -> range.contains(address))
        && allowed.stream().noneMatch(range -> range.contains(address));
  }

  private static Optional<InetAddress> embeddedIpv4(InetAddress address) {
    if (!(address instanceof Inet6Address)) {
      return Optional.empty();
    }
    byte[] bytes = address.getAddress();
    int from;
    if (NAT64.contains(address) || IPV4_COMPATIBLE.contains(address) || IPV4_MAPPED.contains(address)) {
      from = 12;
    } else if (SIX_TO_FOUR.contains(address)) {
      from = 2;
    } else {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByAddress(Arrays.copyOfRange(bytes, from, from + 4)));
    } catch (UnknownHostException e) {
      throw new IllegalStateException("four bytes are always an IPv4 address", e);
    }
  }

  private static Inet6Address ipv6(byte[] sixteenBytes) {
    try {
      return Inet6Address.getByAddress(null, sixteenBytes, -1);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("sixteen bytes are always an IPv6 address", e);
    }
  }
}
