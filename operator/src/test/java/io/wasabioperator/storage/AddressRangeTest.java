package io.wasabioperator.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressRangeTest {
  private static final String NOT_A_RANGE =
      " is not an address range; write an IPv4 or IPv6 address with a prefix length, such as 10.0.0.0/8 or fd00::/8";

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "10.0.0.0/8|10.0.0.0/8",
      "' 192.168.0.0/16 '|192.168.0.0/16",
      "127.0.0.1|127.0.0.1/32",
      "0.0.0.0/0|0.0.0.0/0",
      "fc00::/7|fc00::/7",
      "FE80::/10|fe80::/10",
      "::/0|::/0",
      "::1|::1/128",
      "2001:db8:0:0:1:0:0:0/96|2001:db8:0:0:1::/96",
      "2001:db8:0:0:1:0:0:1|2001:db8::1:0:0:1/128",
      "2001:db8:0:1:0:0:0:1|2001:db8:0:1::1/128",
      "::ffff:10.0.0.0/8|10.0.0.0/8"})
  void parsesAndWritesBack(String text, String written) {
    assertThat(AddressRange.parse(text)).hasToString(written);
  }

  @ParameterizedTest(name = "{0} contains {1}: {2}")
  @CsvSource(delimiter = '|', value = {
      "10.0.0.0/8|10.255.255.255|true",
      "10.0.0.0/8|11.0.0.0|false",
      "172.16.0.0/12|172.31.0.1|true",
      "172.16.0.0/12|172.32.0.1|false",
      "100.64.0.0/10|100.127.255.255|true",
      "100.64.0.0/10|100.128.0.0|false",
      "127.0.0.1|127.0.0.1|true",
      "127.0.0.1|127.0.0.2|false",
      "0.0.0.0/0|8.8.8.8|true",
      "0.0.0.0/0|::1|false",
      "::/0|127.0.0.1|false",
      "::/0|2606:4700::1111|true",
      "fe80::/10|febf::1|true",
      "fe80::/10|fec0::1|false",
      "127.0.0.0/8|::ffff:127.0.0.1|true"})
  void containsOnlyAddressesOfItsFamilyAndPrefix(String range, String address, boolean contained) throws Exception {
    assertThat(AddressRange.parse(range).contains(InetAddress.getByName(address))).isEqualTo(contained);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "10.0.0.1/8|10.0.0.1/8 has bits set past its prefix; write the range's network address, 10.0.0.0/8",
      "fd00::1/8|fd00::1/8 has bits set past its prefix; write the range's network address, fd00::/8",
      "10.0.0.0/33|10.0.0.0/33 is not a range: the prefix length of an IPv4 range is 0 to 32",
      "::/129|::/129 is not a range: the prefix length of an IPv6 range is 0 to 128",
      "10.0.0.0/|'10.0.0.0/' has no valid prefix length after the '/'; write it like 10.0.0.0/8",
      "10.0.0.0/-1|'10.0.0.0/-1' has no valid prefix length after the '/'; write it like 10.0.0.0/8",
      "10.0.0.0/8/8|'10.0.0.0/8/8' has no valid prefix length after the '/'; write it like 10.0.0.0/8",
      "example.com/8|'example.com/8'" + NOT_A_RANGE,
      "localhost|'localhost'" + NOT_A_RANGE,
      "256.0.0.0/8|'256.0.0.0/8'" + NOT_A_RANGE,
      "010.0.0.0/8|'010.0.0.0/8'" + NOT_A_RANGE,
      "10.0/16|'10.0/16'" + NOT_A_RANGE,
      "fd00:::1/8|'fd00:::1/8'" + NOT_A_RANGE,
      "fe80::1%eth0|'fe80::1%eth0'" + NOT_A_RANGE})
  void refusesWhatIsNotARangeSayingWhatToWrite(String text, String message) {
    assertThatThrownBy(() -> AddressRange.parse(text)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void parsesACommaSeparatedList() {
    assertThat(AddressRange.parseList(" 10.0.0.0/8, fd00::/8 ,127.0.0.1 ,"))
        .containsExactly(AddressRange.parse("10.0.0.0/8"), AddressRange.parse("fd00::/8"),
            AddressRange.parse("127.0.0.1"));
    assertThat(AddressRange.parseList("")).isEmpty();
    assertThat(AddressRange.parseList("  ")).isEmpty();
    assertThatThrownBy(() -> AddressRange.parseList("10.0.0.0/8, 10.0.0.1/8"))
        .hasMessageContaining("write the range's network address, 10.0.0.0/8");
  }
}
