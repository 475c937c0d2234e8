package io.wasabioperator.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrivateAddressGuardTest {
  @ParameterizedTest(name = "{0} ({1}) refused: {2}")
  @CsvSource(delimiter = '|', value = {
      "127.0.0.1|loopback|true",
      "127.255.255.254|loopback|true",
      "::1|loopback|true",
      "::ffff:127.0.0.1|IPv4-mapped loopback|true",
      "169.254.169.254|link-local, instance metadata|true",
      "fe80::1|link-local|true",
      "10.0.0.1|private|true",
      "172.16.0.1|private|true",
      "172.31.255.255|private|true",
      "192.168.1.1|private|true",
      "fd00::1|unique local|true",
      "fc00::1|unique local|true",
      "fec0::1|site-local|true",
      "::ffff:10.1.2.3|IPv4-mapped private|true",
      "0.0.0.0|unspecified|true",
      "0.1.2.3|this network|true",
      "::|unspecified|true",
      "224.0.0.1|multicast|true",
      "239.255.255.250|multicast|true",
      "ff02::1|multicast|true",
      "100.64.0.1|shared address space|true",
      "100.127.255.254|shared address space|true",
      "255.255.255.255|broadcast|true",
      "8.8.8.8|public|false",
      "172.32.0.1|public, next to private|false",
      "100.128.0.1|public, next to shared|false",
      "11.0.0.1|public, next to private|false",
      "2606:4700::1111|public|false",
      "2001:4860:4860::8888|public|false",
      "::ffff:8.8.8.8|IPv4-mapped public|false",
      "64:ff9b::7f00:1|NAT64 of loopback|true",
      "64:ff9b::a00:1|NAT64 of private|true",
      "64:ff9b::808:808|NAT64 of public|false",
      "2002:c0a8:101::1|6to4 of private|true",
      "2002:808:808::1|6to4 of public|false",
      "::a00:1|IPv4-compatible private|true",
      "198.18.0.1|benchmarking|true",
      "192.0.0.8|IETF protocol assignments|true",
      "240.0.0.1|reserved|true"})
  void refusesEveryAddressInsideTheClusterOrHost(String address, String family, boolean refused) throws Exception {
    assertThat(PrivateAddressGuard.refusingAll().refuses(InetAddress.getByName(address))).isEqualTo(refused);
  }

  @ParameterizedTest(name = "{0} with 127.0.0.0/8 and fd00::/8 allowed refused: {1}")
  @CsvSource(delimiter = '|', value = {
      "127.0.0.1|false",
      "::ffff:127.0.0.1|false",
      "fd12::1|false",
      "10.0.0.1|true",
      "::1|true",
      "fc00::1|true",
      "169.254.169.254|true",
      "8.8.8.8|false"})
  void letsAllowedRangesThrough(String address, boolean refused) throws Exception {
    PrivateAddressGuard guard = new PrivateAddressGuard(
        List.of(AddressRange.parse("127.0.0.0/8"), AddressRange.parse("fd00::/8")));
    assertThat(guard.refuses(InetAddress.getByName(address))).isEqualTo(refused);
  }

  @Test
  void refusingAllAllowsNothing() {
    assertThat(PrivateAddressGuard.refusingAll().allowed()).isEmpty();
  }
}
