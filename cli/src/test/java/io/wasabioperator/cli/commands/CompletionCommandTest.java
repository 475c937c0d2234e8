package io.wasabioperator.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.wasabioperator.cli.Cli;
import org.junit.jupiter.api.Test;

class CompletionCommandTest {
  @Test
  void bashScriptForKubectlWasabi() {
    Cli.Run run = Cli.offline().run("completion", "bash");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("complete -F _complete_kubectl-wasabi", "explain", "renew");
    assertThat(Cli.offline().run("completion", "fish").exitCode()).isEqualTo(2);
  }

  @Test
  void kubectlsPluginCompletionProtocol() {
    assertThat(Cli.offline().run("__complete", "re").out()).isEqualTo("renew\n:4\n");
    assertThat(Cli.offline().run("__complete", "status", "--con").out()).isEqualTo("--context\n:4\n");
  }
}
