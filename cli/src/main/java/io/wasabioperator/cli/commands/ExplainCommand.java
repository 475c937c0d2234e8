package io.wasabioperator.cli.commands;

import io.wasabioperator.cli.CliException;
import io.wasabioperator.cli.KubeCommand;
import io.wasabioperator.cli.reasons.ReasonTexts;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** What a condition reason means and what to do about it: the operator's reason guide, as README shows it. */
@Command(name = "explain", mixinStandardHelpOptions = true,
    description = {"Explain a condition reason.", "", "Explain a condition reason of WasabiStorageIntegration or SignedUrlRequest: the condition it "
        + "belongs to and what to do about it (the rows of README's reason tables).",
        "", "Example:", "  kubectl wasabi explain AccessDenied"})
public final class ExplainCommand extends KubeCommand {
  @Parameters(paramLabel = "REASON", arity = "0..1", description = "A reason, such as AccessDenied (any case).")
  String reason;

  @Option(names = "--list", description = "List every reason the guide explains.")
  boolean list;

  @Override
  public Integer call() {
    if (list) {
      ReasonTexts.names().forEach(out()::println);
      return 0;
    }
    if (reason == null) {
      throw new ParameterException(spec.commandLine(), "Missing required parameter: 'REASON' (or --list)");
    }
    List<ReasonTexts.Entry> entries = ReasonTexts.find(reason);
    if (entries.isEmpty()) {
      List<String> close = ReasonTexts.closeTo(reason);
      throw CliException.error("unknown reason \"" + reason + "\""
          + (close.isEmpty() ? "; kubectl wasabi explain --list shows them all" : "; did you mean " + String.join(", ", close) + "?"));
    }
    String separator = "";
    for (ReasonTexts.Entry entry : entries) {
      out().print(separator + describe(entry));
      separator = "\n";
    }
    return 0;
  }

  /** The row as printed: where the reason appears, then what to do, indented. */
  public static String describe(ReasonTexts.Entry entry) {
    String where = entry.kind().kind() + (entry.condition() == null ? "" : ", condition " + entry.condition());
    return where + ", reason " + entry.reasons() + "\n  " + entry.whatToDo() + "\n";
  }
}
