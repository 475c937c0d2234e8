package io.wasabioperator.cli.commands;

import io.wasabioperator.api.WasabiStorageIntegrationSpec;
import io.wasabioperator.cli.output.Documents;
import io.wasabioperator.config.OperatorConfig;
import io.wasabioperator.integration.IntegrationValidator;
import io.wasabioperator.integration.Validation;

/** The operator's validation of an integration, as far as it can be known away from the operator's configuration. */
final class IntegrationSpecs {
  private IntegrationSpecs() {}

  /**
   * The spec checked with the operator's default configuration, the one a plugin can know: no endpoint allowlist,
   * https only, the default principal and probe interval.
   */
  static Validation validate(WasabiStorageIntegrationSpec spec) {
    return new IntegrationValidator(OperatorConfig.defaults()).validate(spec);
  }

  /**
   * What the bucket policy is rendered from (bucket, folder, mode, MIRAX, principal), with the endpoint left out:
   * it does not change the policy, and whether the operator allows it depends on its configuration.
   */
  static Validation forPolicy(WasabiStorageIntegrationSpec spec) {
    WasabiStorageIntegrationSpec copy = Documents.json().convertValue(spec, WasabiStorageIntegrationSpec.class);
    copy.setEndpoint(null);
    return validate(copy);
  }
}
