package io.wasabioperator.storage;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One CIDR range of IPv4 or IPv6 addresses, such as {@code 10.0.0.0/8} or {@code fd00::/8}.
 * {@code ::ffff:a.b.c.d} is the IPv4 address a.b.c.d, as Java reads it.
 *
 * @param network the range's first address: no bit past the prefix is set
 * @param prefixLength how many leading bits every address in the range shares with {@code network}
 */
public record AddressRange(InetAddress network, int prefixLength) {
  // Only literals: InetAddress looks up anything else in DNS, and a range must not depend on DNS. No
  // leading zeros either, which some software reads as octal.
  private static final String OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
  private static final Pattern IPV4 = Pattern.compile("(" + OCTET + "\\.){3}" + OCTET);
  private static final Pattern IPV6 = Pattern.compile("(?=.*:)[0-9a-fA-F:][0-9a-fA-F:.]*");
  private static final Pattern PREFIX_LENGTH = Pattern.compile("\\d{1,3}");

  public AddressRange {
    int bits = network.getAddress().length * 8;
    if (prefixLength < 0 || prefixLength > bits) {
      throw new IllegalArgumentException(text(network.getAddress()) + "/" + prefixLength + " is not a range: the "
          + "prefix length of an " + (bits == 32 ? "IPv4" : "IPv6") + " range is 0 to " + bits);
    }
    byte[] start = masked(network.getAddress(), prefixLength);
    if (!Arrays.equals(start, network.getAddress())) {
      throw new IllegalArgumentException(text(network.getAddress()) + "/" + prefixLength + " has bits set past "
          + "its prefix; write the range's network address, " + text(start) + "/" + prefixLength);
    }
  }

  /** Parses {@code address/prefix-length}; a bare address is a range of that one address. */
  public static AddressRange parse(String cidr) {
    String text = cidr.trim();
    int slash = text.indexOf('/');
    String address = slash < 0 ? text : text.substring(0, slash);
    InetAddress network = literal(address).orElseThrow(() -> new IllegalArgumentException("'" + text
        + "' is not an address range; write an IPv4 or IPv6 address with a prefix length, such as 10.0.0.0/8 "
        + "or fd00::/8"));
    if (slash < 0) {
      return new AddressRange(network, network.getAddress().length * 8);
    }
    String prefixLength = text.substring(slash + 1);
    if (!PREFIX_LENGTH.matcher(prefixLength).matches()) {
      throw new IllegalArgumentException("'" + text + "' has no valid prefix length after the '/'; write it "
          + "like 10.0.0.0/8");
    }
    return new AddressRange(network, Integer.parseInt(prefixLength));
  }

  /** Parses comma-separated ranges; blank text is no range at all. */
  public static List<AddressRange> parseList(String commaSeparated) {
    return Stream.of(commaSeparated.split(","))
        .map(String::trim)
        .filter(item -> !item.isEmpty())
        .map(AddressRange::parse)
        .toList();
  }

  /** Whether the address is in the range; an IPv4 address is never in an IPv6 range, nor the reverse. */
  public boolean contains(InetAddress address) {
    byte[] bytes = address.getAddress();
    return bytes.length == network.getAddress().length
        && Arrays.equals(masked(bytes, prefixLength), network.getAddress());
  }

  @Override
  public String toString() {
    return text(network.getAddress()) + "/" + prefixLength;
  }

  private static Optional<InetAddress> literal(String text) {
    if (!IPV4.matcher(text).matches() && !IPV6.matcher(text).matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByName(text));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  /** The address with every bit past the prefix cleared. */
  private static byte[] masked(byte[] address, int prefixLength) {
    byte[] result = address.clone();
    for (int i = 0; i < result.length; i++) {
      int kept = Math.max(0, Math.min(8, prefixLength - i * 8));
      result[i] &= (byte) (0xff << (8 - kept));
    }
    return result;
  }

  /** The usual text of an address: for IPv6, the first longest run of zero groups shortened to "::". */
  private static String text(byte[] address) {
    String full;
    try {
      full = InetAddress.getByAddress(address).getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalStateException("an address of " + address.length + " bytes", e);
    }
    if (address.length == 4) {
      return full;
    }
    String[] groups = full.split(":");
    int runStart = -1;
    int runLength = 1;
    for (int i = 0; i < groups.length; i++) {
      int end = i;
      while (end < groups.length && groups[end].equals("0")) {
        end++;
      }
      if (end - i > runLength) {
        runStart = i;
        runLength = end - i;
      }
    }
    return runStart < 0 ? full : String.join(":", Arrays.copyOfRange(groups, 0, runStart)) + "::"
        + String.join(":", Arrays.copyOfRange(groups, runStart + runLength, groups.length));
  }
}
