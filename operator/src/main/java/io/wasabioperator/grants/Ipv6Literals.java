package io.wasabioperator.grants;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** IPv6 addresses written differently (::1, 0:0::1) compared as the address they name, without DNS. */
final class Ipv6Literals {
  private static final Pattern LITERAL = Pattern.compile("[0-9a-f:.]+");

  private Ipv6Literals() {}

  static boolean same(String a, String b) {
    if (!LITERAL.matcher(a).matches() || !LITERAL.matcher(b).matches()) {
      return false;
    }
    try {
      // Only characters of an address reach here: getByName parses them and never asks DNS.
      return InetAddress.getByName(a).equals(InetAddress.getByName(b));
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
