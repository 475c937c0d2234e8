package io.wasabioperator.cli.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * kubectl's completion of a plugin (cobra's {@code __complete} protocol, through kubectl_complete-wasabi): the words
 * typed after {@code wasabi}, the last being completed; prints the candidates, one a line, then {@code :4} (no file
 * completion).
 */
@Command(name = CompleteCommand.NAME, hidden = true)
public final class CompleteCommand implements Callable<Integer> {
  public static final String NAME = "__complete";

  private static final int NO_FILE_COMPLETION = 4;

  @Spec
  CommandSpec spec;

  @Parameters(arity = "0..*")
  List<String> words = new ArrayList<>();

  @Override
  public Integer call() {
    List<String> typed = new ArrayList<>(words);
    if (typed.isEmpty()) {
      typed.add("");
    }
    String partial = typed.get(typed.size() - 1);
    List<CharSequence> candidates = new ArrayList<>();
    AutoComplete.complete(spec.root(), typed.toArray(new String[0]), typed.size() - 1, partial.length(),
        partial.length(), candidates);
    var out = spec.commandLine().getOut();
    candidates.forEach(suffix -> out.println(partial + suffix));
    out.println(":" + NO_FILE_COMPLETION);
    return 0;
  }
}
