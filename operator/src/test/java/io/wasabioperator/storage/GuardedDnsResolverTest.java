package io.wasabioperator.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GuardedDnsResolverTest {
  private final GuardedDnsResolver refusing =
      new GuardedDnsResolver(PrivateAddressGuard.refusingAll(), Optional.empty());

  @Test
  void passesPublicLiteralsThrough() throws Exception {
    assertThat(refusing.resolve("8.8.8.8")).containsExactly(InetAddress.getByName("8.8.8.8"));
    assertThat(refusing.resolve("[2606:4700::1111]")).containsExactly(InetAddress.getByName("2606:4700::1111"));
  }

  @Test
  void refusesAHostWithoutNamingItsAddresses() {
    for (String host : List.of("127.0.0.1", "localhost", "[::1]", "169.254.169.254", "10.255.255.1")) {
      assertThatThrownBy(() -> refusing.resolve(host))
          .isInstanceOf(RefusedAddressException.class)
          .hasMessageContaining("resolves only to addresses the operator does not connect to")
          .hasMessageContaining("WASABI_OPERATOR_PRIVATE_ENDPOINT_CIDRS")
          .hasMessageNotContainingAny(host, "127.0.0.1", "0:0:0:0:0:0:0:1", "::1");
    }
  }

  @Test
  void resolvesAllowedRanges() throws Exception {
    GuardedDnsResolver resolver = new GuardedDnsResolver(
        new PrivateAddressGuard(List.of(AddressRange.parse("127.0.0.0/8"))), Optional.empty());
    assertThat(resolver.resolve("127.0.0.1")).containsExactly(InetAddress.getByName("127.0.0.1"));
    assertThatThrownBy(() -> resolver.resolve("10.0.0.1")).isInstanceOf(RefusedAddressException.class);
  }

  @Test
  void exemptsOnlyTheProxysOwnHost() throws Exception {
    GuardedDnsResolver resolver = new GuardedDnsResolver(PrivateAddressGuard.refusingAll(), Optional.of("LocalHost"));
    assertThat(resolver.resolve("localhost")).isNotEmpty().allMatch(InetAddress::isLoopbackAddress);
    assertThatThrownBy(() -> resolver.resolve("127.0.0.1")).isInstanceOf(RefusedAddressException.class);

    GuardedDnsResolver literalProxy = new GuardedDnsResolver(PrivateAddressGuard.refusingAll(), Optional.of("[::1]"));
    assertThat(literalProxy.resolve("::1")).containsExactly(InetAddress.getByName("::1"));
    assertThatThrownBy(() -> literalProxy.resolve("127.0.0.1")).isInstanceOf(RefusedAddressException.class);
  }

  @Test
  void judgesIpv4MappedAnswersByTheIpv4AddressTheyCarry() throws Exception {
    // An AAAA answer of ::ffff:a.b.c.d, as a hostile DNS server gives it; the JDK would turn the text into IPv4.
    Inet6Address metadata = mapped(169, 254, 169, 254);
    Inet6Address privateNetwork = mapped(10, 0, 0, 1);
    Inet6Address publicAddress = mapped(8, 8, 8, 8);
    GuardedDnsResolver resolver = new GuardedDnsResolver(PrivateAddressGuard.refusingAll(), Optional.empty(),
        host -> switch (host) {
          case "metadata.example" -> new InetAddress[] {metadata};
          case "private.example" -> new InetAddress[] {privateNetwork};
          case "mixed.example" -> new InetAddress[] {metadata, publicAddress};
          default -> throw new UnknownHostException(host);
        });

    assertThatThrownBy(() -> resolver.resolve("metadata.example")).isInstanceOf(RefusedAddressException.class);
    assertThatThrownBy(() -> resolver.resolve("private.example")).isInstanceOf(RefusedAddressException.class);
    assertThat(resolver.resolve("mixed.example")).containsExactly(publicAddress);
  }

  @Test
  void refusesAzuresWireServer() {
    assertThatThrownBy(() -> refusing.resolve("168.63.129.16")).isInstanceOf(RefusedAddressException.class);
  }

  private static Inet6Address mapped(int a, int b, int c, int d) throws UnknownHostException {
    byte[] bytes = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) a, (byte) b, (byte) c, (byte) d};
    return Inet6Address.getByAddress(null, bytes, -1);
  }
}
