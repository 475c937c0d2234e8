package io.wasabioperator.grants;

import io.wasabioperator.api.PlatformGrantSpec;

/**
 * One grant of the platform identity, from either source.
 *
 * @param source how status and messages name it: {@code WasabiPlatformGrant/<name>}, or its place in
 *     the operator's configuration
 */
public record Grant(String source, PlatformGrantSpec spec) {
  static final String RESOURCE_SOURCE = "WasabiPlatformGrant/";

  static Grant resource(String name, PlatformGrantSpec spec) {
    return new Grant(RESOURCE_SOURCE + name, spec);
  }

  /** @param index counted from 1, as an administrator reads the list */
  static Grant configured(int index, PlatformGrantSpec spec) {
    return new Grant("grant " + index + " of WASABI_OPERATOR_PLATFORM_GRANTS", spec);
  }
}
