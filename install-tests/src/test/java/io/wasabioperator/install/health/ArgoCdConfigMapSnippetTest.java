package io.wasabioperator.install.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.wasabioperator.install.RepositoryFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The argocd-cm snippet in the chart's docs carries exactly the health.lua files, so the two cannot drift. */
class ArgoCdConfigMapSnippetTest {
  private static final Path DOC = RepositoryFiles.resolve("helm/wasabi-operator/ARGOCD.md");
  private static final Pattern YAML_BLOCK = Pattern.compile("^```yaml\\n(.*?)^```$",
      Pattern.DOTALL | Pattern.MULTILINE);

  @Test
  void theSnippetHoldsEachHealthLuaUnderArgoCdsKey() throws IOException {
    ConfigMap configMap = argocdCm();
    Map<String, String> expected = new TreeMap<>();
    for (HealthCheck check : HealthCheck.all()) {
      expected.put(check.configMapKey(), check.scriptSource());
    }
    assertThat(new TreeMap<>(configMap.getData()))
        .as("data of argocd-cm in %s; copy each health.lua, indented by four spaces, under its key", DOC)
        .isEqualTo(expected);
  }

  @Test
  void theKeysFollowArgoCdsGroupUnderscoreKindFormat() throws IOException {
    assertThat(argocdCm().getData().keySet()).containsExactlyInAnyOrder(
        "resource.customizations.health.storage.wasabi-operator.io_WasabiStorageIntegration",
        "resource.customizations.health.storage.wasabi-operator.io_SignedUrlRequest");
  }

  @Test
  void theSnippetRunsLikeTheFiles() throws IOException {
    Map<String, String> scripts = argocdCm().getData();
    for (HealthCheck.Case test : HealthCheck.allCases()) {
      assertThat(ArgoCdLua.run("argocd-cm " + test.check().kind(), scripts.get(test.check().configMapKey()),
          test.object())).as(test.name()).isEqualTo(test.expected());
    }
  }

  private static ConfigMap argocdCm() throws IOException {
    List<ConfigMap> found = new ArrayList<>();
    Matcher block = YAML_BLOCK.matcher(Files.readString(DOC));
    while (block.find()) {
      if (block.group(1).contains("kind: ConfigMap")) {
        found.add(YamlTrees.parse(block.group(1), ConfigMap.class));
      }
    }
    assertThat(found).as("ConfigMap blocks in %s", DOC).hasSize(1);
    ConfigMap configMap = found.get(0);
    assertThat(configMap.getMetadata().getName()).isEqualTo("argocd-cm");
    return configMap;
  }
}
