package io.wasabioperator.cli.commands;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The shell completion script of {@code kubectl-wasabi}. */
@Command(name = "completion", mixinStandardHelpOptions = true,
    description = {"Print a shell completion script.", "", "Print a completion script for bash or zsh, for the kubectl-wasabi command:",
        "  source <(kubectl wasabi completion bash)",
        "For `kubectl wasabi <TAB>` (kubectl 1.26 and later), put kubectl_complete-wasabi, which comes with the "
            + "plugin, on PATH beside kubectl-wasabi."})
public final class CompletionCommand implements Callable<Integer> {
  enum Shell { bash, zsh }

  @Spec
  CommandSpec spec;

  /**
   * Checked (bash or zsh, else a usage error) but not otherwise used: picocli's script is one for both, as it
   * starts by loading zsh's bashcompinit when run by zsh.
   */
  @Parameters(paramLabel = "SHELL", description = "bash or zsh (the same script: zsh runs it with bashcompinit).")
  Shell shell;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(AutoComplete.bash("kubectl-wasabi", spec.root().commandLine()));
    return 0;
  }
}
