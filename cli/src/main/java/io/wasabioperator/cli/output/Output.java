package io.wasabioperator.cli.output;

/** The -o formats: kubectl's names, and nothing else (another value is a usage error). */
public enum Output {
  yaml,
  json
}
