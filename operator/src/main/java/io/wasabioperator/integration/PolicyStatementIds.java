package io.wasabioperator.integration;

import io.wasabioperator.api.AccessMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The {@code Sid}s of the statements the operator renders. Each says what it grants (read, read-write, or
 * the MIRAX listing) and for which folder (a short hash of the access prefix, since a Sid may only hold
 * letters and digits), so two integrations on one bucket with different folders render distinct
 * statements, and a merge into the owner's policy finds ours for the same folder and nothing else.
 */
public final class PolicyStatementIds {
  static final String READ_WRITE = "AllowPlatformReadWrite";
  static final String READ = "AllowPlatformRead";
  static final String LIST_FOR_MIRAX = "AllowPlatformListForMirax";
  private static final int HASH_HEX_DIGITS = 8;

  private PolicyStatementIds() {}

  /** The statement that grants the objects under the prefix. */
  public static String objects(AccessMode mode, String accessPrefix) {
    return (mode == AccessMode.ReadWrite ? READ_WRITE : READ) + folderHash(accessPrefix);
  }

  /** The statement that grants listing the prefix, rendered when MIRAX is on. */
  public static String listing(String accessPrefix) {
    return LIST_FOR_MIRAX + folderHash(accessPrefix);
  }

  /** Every Sid the operator may render for this folder, whatever the mode and MIRAX setting. */
  public static List<String> forFolder(String accessPrefix) {
    return List.of(objects(AccessMode.ReadWrite, accessPrefix), objects(AccessMode.ReadOnly, accessPrefix),
        listing(accessPrefix));
  }

  /** The Sids that releases before the kubectl plugin rendered for every folder alike. */
  public static List<String> legacy() {
    return List.of(READ_WRITE, READ, LIST_FOR_MIRAX);
  }

  static String folderHash(String accessPrefix) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(accessPrefix.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, HASH_HEX_DIGITS);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
