package io.wasabioperator.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.wasabioperator.cli.Cli;
import io.wasabioperator.cli.reasons.ReasonTexts;
import io.wasabioperator.status.ReasonGuide;
import java.util.List;
import org.junit.jupiter.api.Test;

/** explain prints the guide's rows (README's tables, by ReasonGuideTest), so plugin and README say the same. */
class ExplainCommandTest {
  private final Cli cli = Cli.offline();

  @Test
  void everyReasonPrintsExactlyItsRows() {
    List<ReasonTexts.Entry> entries = ReasonTexts.all();
    assertThat(entries).hasSize(ReasonGuide.INTEGRATION.size() + ReasonGuide.SIGNED_URL_REQUEST.size());
    for (String reason : ReasonTexts.names()) {
      Cli.Run run = cli.run("explain", reason);
      assertThat(run.exitCode()).as(reason).isZero();
      List<ReasonTexts.Entry> rows = entries.stream()
          .filter(entry -> ReasonTexts.reasonsOf(entry).contains(reason)).toList();
      assertThat(rows).as(reason).isNotEmpty();
      assertThat(run.out()).as(reason).isEqualTo(String.join("\n",
          rows.stream().map(ExplainCommand::describe).toList()));
      rows.forEach(row -> assertThat(run.out()).contains("\n  " + row.whatToDo() + "\n"));
    }
  }

  @Test
  void showsTheConditionAndWhatToDo() {
    Cli.Run run = cli.run("explain", "accessdenied");
    assertThat(run.out()).isEqualTo("""
        WasabiStorageIntegration, condition AccessVerified, reason `AccessDenied`
          the message names each denied action and key: attach `status.bucketPolicy`
        """);
  }

  @Test
  void aReasonOfBothKindsShowsBoth() {
    Cli.Run run = cli.run("explain", "PlatformIdentityNotGranted");
    assertThat(run.out()).contains("WasabiStorageIntegration, condition Validated")
        .contains("SignedUrlRequest, reason `PlatformIdentityNotGranted`");
  }

  @Test
  void anUnknownReasonFailsWithCloseMatches() {
    Cli.Run run = cli.run("explain", "AccesDenied");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("error: unknown reason \"AccesDenied\"; did you mean AccessDenied");
  }

  @Test
  void aFewLettersAreNoPartOfAReasonWorthSuggesting() {
    Cli.Run run = cli.run("explain", "a");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("error: unknown reason \"a\"; kubectl wasabi explain --list shows them all\n");
    assertThat(cli.run("explain", "Denied").err()).contains("did you mean").contains("AccessDenied");
  }

  @Test
  void listsEveryReasonAndNeedsOneOtherwise() {
    assertThat(cli.run("explain", "--list").out()).contains("AccessDenied\n", "Expired\n", "Issued\n");
    Cli.Run missing = cli.run("explain");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("REASON").contains("See 'kubectl wasabi explain --help'");
  }
}
