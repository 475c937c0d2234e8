package io.wasabioperator.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
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
}
