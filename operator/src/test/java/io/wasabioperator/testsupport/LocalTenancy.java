package io.wasabioperator.testsupport;

import io.wasabioperator.config.OperatorConfig;
import io.wasabioperator.config.TenancyConfig;
import java.util.HashMap;
import java.util.Map;

/**
 * The tenancy settings under which the tests' S3 server, on the loopback address, may be reached:
 * the endpoint allowed, its loopback address reachable, and the platform identity granted to every
 * namespace for every bucket there.
 * Tests of the settings themselves configure their own.
 */
public final class LocalTenancy {
  public static final String GRANT_EVERYTHING_LOCAL =
      "[{\"namespaces\": [\"*\"], \"buckets\": [\"*\"], \"endpoints\": [\"127.0.0.1\"]}]";

  private LocalTenancy() {}

  /** The environment variables, with {@code more} on top. */
  public static Map<String, String> env(Map<String, String> more) {
    Map<String, String> env = new HashMap<>();
    env.put(TenancyConfig.PLATFORM_GRANTS, GRANT_EVERYTHING_LOCAL);
    env.put(TenancyConfig.ENDPOINT_ALLOWLIST, "127.0.0.1");
    env.put(TenancyConfig.PRIVATE_ENDPOINT_CIDRS, "127.0.0.0/8");
    env.putAll(more);
    return env;
  }

  public static TenancyConfig config() {
    return config(Map.of());
  }

  /** With some settings of the test's own. */
  public static TenancyConfig config(Map<String, String> more) {
    return TenancyConfig.fromEnvironment(env(more));
  }

  public static OperatorConfig operatorConfig(Map<String, String> env) {
    return OperatorConfig.fromEnvironment(env(env));
  }
}
