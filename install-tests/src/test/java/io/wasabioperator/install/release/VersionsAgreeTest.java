package io.wasabioperator.install.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.wasabioperator.install.RepositoryFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * One version for everything a release publishes, the Maven project's: the chart's version and appVersion
 * (which is the image tag the chart pulls by default, and the tag the release pushes), the operator's jar and
 * what the operator reports, the plugin's jar and its Krew manifest. A release is the project version
 * without -SNAPSHOT.
 */
class VersionsAgreeTest {
  private static final YAMLMapper YAML = new YAMLMapper();

  @Test
  void everythingAReleasePublishesCarriesTheProjectsVersion() throws Exception {
    String project = projectVersion();
    String release = project.replaceFirst("-SNAPSHOT$", "");

    JsonNode chart = YAML.readTree(RepositoryFiles.resolve("helm/wasabi-operator/Chart.yaml").toFile());
    assertThat(chart.path("version").asText()).as("the chart's version").isEqualTo(release);
    assertThat(chart.path("appVersion").asText()).as("the chart's appVersion, the image tag").isEqualTo(release);

    Path operatorJar = RepositoryFiles.resolve("operator/target/wasabi-operator.jar");
    assertThat(implementationVersion(operatorJar)).isEqualTo(project);
    assertThat(run(operatorJar, "--version")).isEqualTo("wasabi-operator " + project);

    Path pluginJar = RepositoryFiles.resolve("cli/target/kubectl-wasabi.jar");
    assertThat(implementationVersion(pluginJar)).isEqualTo(project);
    assertThat(YAML.readTree(RepositoryFiles.resolve("cli/target/krew/wasabi.yaml").toFile()).path("spec")
        .path("version").asText()).isEqualTo("v" + project);
  }

  private static String projectVersion() throws IOException {
    String pom = Files.readString(RepositoryFiles.resolve("pom.xml"));
    // The project's own version: the first <version> after its artifactId, outside <parent> (it has none).
    Matcher version = Pattern.compile("<artifactId>wasabi-operator-parent</artifactId>\\s*<version>([^<]+)</version>")
        .matcher(pom);
    assertThat(version.find()).as("the parent pom's version").isTrue();
    return version.group(1);
  }

  private static String implementationVersion(Path jar) throws IOException {
    assertThat(jar).as("built by mvn verify before these tests").isRegularFile();
    try (JarFile file = new JarFile(jar.toFile())) {
      return file.getManifest().getMainAttributes().getValue("Implementation-Version");
    }
  }

  private static String run(Path jar, String argument) throws Exception {
    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        jar.toString(), argument).redirectErrorStream(true).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
  }
}
