package io.wasabioperator.install;

import java.nio.file.Path;

/** Where the repository's own files are, for tests that read the chart, the examples and the CRDs. */
public final class RepositoryFiles {
  private RepositoryFiles() {}

  public static Path root() {
    return Path.of(System.getProperty("repositoryRoot", "..")).toAbsolutePath().normalize();
  }

  public static Path resolve(String relative) {
    return root().resolve(relative);
  }
}
