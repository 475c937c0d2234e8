package io.wasabioperator.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.wasabioperator.cli.Cli;
import io.wasabioperator.status.ReasonGuide;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** explain prints the guide's rows (README's tables, by ReasonGuideTest), so plugin and README say the same. */
class ExplainCommandTest {
  private final Cli cli = Cli.offline();

  /**
   * The expected output from the guide's rows themselves, in the format spelled out here: for each row naming the
   * reason, "KIND[, condition CONDITION], reason REASONS", then what to do indented by two spaces; rows apart by an
   * empty line.
   */
  @Test
  void everyReasonPrintsExactlyItsRows() {
    Map<String, List<String>> expected = new TreeMap<>();
    addRows(expected, "WasabiStorageIntegration", ReasonGuide.INTEGRATION);
    addRows(expected, "SignedUrlRequest", ReasonGuide.SIGNED_URL_REQUEST);
    assertThat(expected).containsKeys("AccessDenied", "Issued", "Expired");
    assertThat(cli.run("explain", "--list").out().lines()).containsExactlyElementsOf(expected.keySet());
    expected.forEach((reason, rows) -> {
      Cli.Run run = cli.run("explain", reason);
      assertThat(run.exitCode()).as(reason).isZero();
      assertThat(run.out()).as(reason).isEqualTo(String.join("\n", rows));
    });
  }

  private static void addRows(Map<String, List<String>> byReason, String kind, List<ReasonGuide.Row> rows) {
    for (ReasonGuide.Row row : rows) {
      String shown = kind + (row.condition() == null ? "" : ", condition " + row.condition()) + ", reason "
          + row.reasons() + "\n  " + row.whatToDo() + "\n";
      Matcher reason = Pattern.compile("`([A-Za-z]+)`").matcher(row.reasons());
      while (reason.find()) {
        byReason.computeIfAbsent(reason.group(1), r -> new ArrayList<>()).add(shown);
      }
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
