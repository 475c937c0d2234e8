package io.wasabioperator.cli.commands;

import picocli.CommandLine.Command;

/** {@code create integration} and {@code create url}: manifests scaffolded and validated before they are applied. */
@Command(name = "create", mixinStandardHelpOptions = true,
    description = {"Create an integration or a request, validated first.", "", "Create a WasabiStorageIntegration or a SignedUrlRequest from flags, validated as the operator "
        + "validates it (with the operator's default configuration: no endpoint allowlist, https endpoints only, "
        + "URLs of at most " + CreateCommand.DEFAULT_MAX_URL_DURATION + ") before anything is sent.",
        "With --dry-run=client -o yaml, print the manifest instead (for a GitOps repository)."},
    subcommands = {CreateIntegrationCommand.class, CreateUrlCommand.class})
public final class CreateCommand {
  /**
   * The operator's default cap and default duration of a URL ({@code OperatorConfig.DEFAULT_MAX_URL_DURATION}) as
   * Go writes it: a constant because annotations take only constants; CreateCommandTest keeps it equal to
   * {@code GoDuration.format} of the operator's.
   */
  static final String DEFAULT_MAX_URL_DURATION = "4h";
}
