package io.wasabioperator.cli.commands;

import picocli.CommandLine.Command;

/** {@code create integration} and {@code create url}: manifests scaffolded and validated before they are applied. */
@Command(name = "create", mixinStandardHelpOptions = true,
    description = {"Create an integration or a request, validated first.", "", "Create a WasabiStorageIntegration or a SignedUrlRequest from flags, validated as the operator "
        + "validates it (with the operator's default configuration: no endpoint allowlist, https endpoints only, "
        + "URLs of at most 4h) before anything is sent.",
        "With --dry-run=client -o yaml, print the manifest instead (for a GitOps repository)."},
    subcommands = {CreateIntegrationCommand.class, CreateUrlCommand.class})
public final class CreateCommand {}
