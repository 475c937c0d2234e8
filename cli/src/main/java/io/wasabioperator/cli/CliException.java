package io.wasabioperator.cli;

/** A failure the user reads as one line on stderr, as kubectl prints them; the command exits 1. */
public final class CliException extends RuntimeException {
  private CliException(String line) {
    super(line);
  }

  /** {@code error: <message>}. */
  public static CliException error(String message) {
    return new CliException("error: " + message);
  }

  /** kubectl's line for an object that is not there. */
  public static CliException notFound(String plural, String name) {
    return new CliException("Error from server (NotFound): " + plural + " \"" + name + "\" not found");
  }

  /** The whole line, as printed. */
  public String line() {
    return getMessage();
  }
}
