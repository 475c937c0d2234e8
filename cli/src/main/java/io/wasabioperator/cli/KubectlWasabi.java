package io.wasabioperator.cli;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.wasabioperator.api.ApiGroup;
import io.wasabioperator.cli.commands.CheckCommand;
import io.wasabioperator.cli.commands.CompleteCommand;
import io.wasabioperator.cli.commands.CompletionCommand;
import io.wasabioperator.cli.commands.CreateCommand;
import io.wasabioperator.cli.commands.ExplainCommand;
import io.wasabioperator.cli.commands.PolicyCommand;
import io.wasabioperator.cli.commands.RenewCommand;
import io.wasabioperator.cli.commands.SignCommand;
import io.wasabioperator.cli.commands.StatusCommand;
import io.wasabioperator.cli.commands.UrlCommand;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.io.StringWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code kubectl wasabi}: the root command. Exit codes as kubectl's: 0 done, 1 an error (from the API, a
 * validation, a failed check), 2 a usage error (unknown command or flag, missing argument).
 */
@Command(name = "kubectl wasabi", mixinStandardHelpOptions = true,
    versionProvider = KubectlWasabi.Version.class,
    description = "Work with wasabi-operator's WasabiStorageIntegration (wsi) and SignedUrlRequest (sur) resources.",
    subcommands = {StatusCommand.class, PolicyCommand.class, RenewCommand.class, UrlCommand.class, SignCommand.class,
        CheckCommand.class, ExplainCommand.class, CreateCommand.class, CompletionCommand.class,
        CompleteCommand.class},
    footer = {"", "Exit codes: 0 done, 1 an error, 2 a usage error.",
        "Use \"kubectl wasabi COMMAND --help\" for more information about a command."})
public final class KubectlWasabi {
  public static final int ERROR = 1;
  public static final int USAGE = 2;

  @Mixin
  KubeOptions kube;

  private final CliContext context;

  public KubectlWasabi(CliContext context) {
    this.context = context;
  }

  CliContext context() {
    return context;
  }

  public static void main(String[] args) {
    int exitCode = run(CliContext.system(), args);
    ArchiveTraining.runIfAsked();
    System.exit(exitCode);
  }

  /** Runs one command line and returns its exit code. */
  public static int run(CliContext context, String... args) {
    KubectlWasabi root = new KubectlWasabi(context);
    CommandLine commandLine = commandLine(root);
    try {
      return commandLine.execute(args);
    } finally {
      context.out().flush();
      context.err().flush();
    }
  }

  /** The command tree with kubectl's way of reporting errors. */
  public static CommandLine commandLine(KubectlWasabi root) {
    CommandLine commandLine = new CommandLine(root);
    commandLine.setOut(root.context.out());
    commandLine.setErr(root.context.err());
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    // the words being completed are data, options included
    commandLine.getSubcommands().get(CompleteCommand.NAME).setUnmatchedOptionsArePositionalParams(true);
    commandLine.setParameterExceptionHandler((e, args) -> {
      PrintWriter err = e.getCommandLine().getErr();
      err.println("error: " + e.getMessage());
      err.println("See '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
      return USAGE;
    });
    commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
      PrintWriter err = cl.getErr();
      err.println(line(e, cl.getCommand()));
      if (root.kube.debug() || debug(cl)) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        err.print(trace);
      }
      return ERROR;
    });
    return commandLine;
  }

  private static boolean debug(CommandLine commandLine) {
    return commandLine.getCommand() instanceof KubeCommand command && command.kube.debug();
  }

  private static String line(Exception e, Object command) {
    if (e instanceof CliException cli) {
      return cli.line();
    }
    if (refused(e)) {
      String server = command instanceof KubeCommand kube ? kube.server().map(url -> " " + url.getHost() + ":"
          + (url.getPort() < 0 ? url.getDefaultPort() : url.getPort())).orElse("") : "";
      return "The connection to the server" + server + " was refused - did you specify the right host or port?";
    }
    if (e instanceof KubernetesClientException k && k.getStatus() != null && k.getStatus().getMessage() != null) {
      String reason = k.getStatus().getReason();
      return (reason == null ? "error: " : "Error from server (" + reason + "): ") + k.getStatus().getMessage();
    }
    return "error: " + e.getMessage() + cause(e);
  }

  /** Whether the connection was refused, somewhere down the cause chain (the JDK client wraps it). */
  private static boolean refused(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof ConnectException) {
        return true;
      }
    }
    return false;
  }

  /** What went wrong underneath, such as a refused connection: each cause, outermost first. */
  private static String cause(Throwable e) {
    StringBuilder causes = new StringBuilder();
    for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
      causes.append(": ").append(cause.getMessage() == null || cause.getMessage().isBlank()
          ? cause.getClass().getSimpleName() : cause.getMessage());
    }
    return causes.toString();
  }

  /** The jar's Implementation-Version: the project's, like the operator's and the chart's appVersion. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = KubectlWasabi.class.getPackage().getImplementationVersion();
      return new String[] {"kubectl wasabi " + (version == null ? "(development build)" : version) + ", for "
          + ApiGroup.GROUP + "/" + ApiGroup.VERSION};
    }
  }
}
