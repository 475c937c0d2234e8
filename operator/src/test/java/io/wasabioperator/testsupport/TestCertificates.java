package io.wasabioperator.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A CA of the test's own and a server certificate it issued for 127.0.0.1 and localhost, made with the
 * JDK's keytool the way an administrator makes them: the CA as a PEM file (what WASABI_OPERATOR_CA_BUNDLE
 * names), the server's key with its certificate chain in a PKCS12 key store (what S3Proxy serves).
 *
 * @param caPem the CA's certificate, PEM
 * @param serverKeyStore the server's key and chain, PKCS12
 * @param password of both key stores
 */
public record TestCertificates(Path caPem, Path serverKeyStore, String password) {
  private static final String PASSWORD = "test-store-password";
  private static final Path KEYTOOL = Path.of(System.getProperty("java.home"), "bin", "keytool");

  /** Makes the CA and the server certificate in {@code directory}; about a second and a half. */
  public static TestCertificates create(Path directory) throws IOException, InterruptedException {
    Path caStore = directory.resolve("ca.p12");
    Path serverStore = directory.resolve("server.p12");
    Path caPem = directory.resolve("ca.pem");
    Path serverPem = directory.resolve("server.pem");
    run(keytool("-genkeypair", "-alias", "ca", "-dname", "CN=wasabi-operator test CA", "-ext", "bc:c",
        "-keyalg", "EC", "-validity", "1", "-storetype", "PKCS12", "-keystore", caStore));
    run(keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", caStore, "-file", caPem));
    run(keytool("-genkeypair", "-alias", "server", "-dname", "CN=localhost",
        "-keyalg", "EC", "-validity", "1", "-storetype", "PKCS12", "-keystore", serverStore));
    // The signing request goes straight from the server's store to the CA, as a pipe would carry it.
    run(keytool("-certreq", "-alias", "server", "-keystore", serverStore),
        keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", caStore, "-ext", "san=ip:127.0.0.1,dns:localhost",
            "-validity", "1", "-outfile", serverPem));
    // The CA's reply holds the server's certificate alone; keytool installs it given the whole chain.
    Path chain = directory.resolve("chain.pem");
    Files.writeString(chain, Files.readString(serverPem) + Files.readString(caPem));
    run(keytool("-importcert", "-noprompt", "-alias", "server", "-keystore", serverStore, "-file", chain));
    return new TestCertificates(caPem, serverStore, PASSWORD);
  }

  private static ProcessBuilder keytool(Object... arguments) {
    List<String> command = new ArrayList<>(List.of(KEYTOOL.toString(),
        // keytool is a short-lived JVM: start it quickly.
        "-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC"));
    for (Object argument : arguments) {
      command.add(argument.toString());
    }
    command.addAll(List.of("-storepass", PASSWORD));
    return new ProcessBuilder(command);
  }

  /** Runs the commands as one pipeline and fails with keytool's own words when one of them fails. */
  private static void run(ProcessBuilder... pipeline) throws IOException, InterruptedException {
    pipeline[pipeline.length - 1].redirectOutput(ProcessBuilder.Redirect.DISCARD);
    List<Process> processes = ProcessBuilder.startPipeline(List.of(pipeline));
    for (int i = 0; i < processes.size(); i++) {
      Process process = processes.get(i);
      String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor() != 0) {
        throw new IllegalStateException("keytool failed: " + String.join(" ", pipeline[i].command()) + "\n" + errors);
      }
    }
  }
}
