package io.wasabioperator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.wasabioperator.integration.IntegrationReason;
import io.wasabioperator.signedurl.SignedUrlReason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** README's reason tables are the guide's rows, and every reason a condition can carry has one. */
class ReasonGuideTest {
  private static final Path README = Path.of(System.getProperty("readme", "../README.md"));
  private static final Pattern REASON = Pattern.compile("`([A-Za-z]+)`");

  @Test
  void readmeTablesAreTheGuidesRows() throws IOException {
    String readme = Files.readString(README);
    assertThat(table(readme, "| condition | reason | what to do |", 0)).as("the integration's reasons in README")
        .containsExactlyElementsOf(ReasonGuide.INTEGRATION);
    assertThat(table(readme, "| reason | what to do |", readme.indexOf("## `SignedUrlRequest` reference")))
        .as("the request's reasons in README").containsExactlyElementsOf(ReasonGuide.SIGNED_URL_REQUEST);
  }

  @Test
  void everyReasonHasItsRow() {
    assertThat(reasons(ReasonGuide.INTEGRATION)).containsAll(
        Arrays.stream(IntegrationReason.values()).map(Enum::name).toList());
    assertThat(reasons(ReasonGuide.SIGNED_URL_REQUEST)).containsAll(Arrays.stream(SignedUrlReason.values())
        .map(Enum::name).toList());
  }

  private static Set<String> reasons(List<ReasonGuide.Row> rows) {
    return rows.stream().flatMap(row -> REASON.matcher(row.reasons()).results().map(m -> m.group(1)))
        .collect(Collectors.toSet());
  }

  private static List<ReasonGuide.Row> table(String readme, String header, int from) {
    int start = readme.indexOf(header, from);
    assertThat(start).as(header).isNotNegative();
    List<ReasonGuide.Row> rows = new ArrayList<>();
    for (String line : readme.substring(start).lines().skip(2).toList()) {
      if (!line.startsWith("|")) {
        break;
      }
      String[] cells = line.substring(1, line.length() - 1).trim().split(" \\| ");
      rows.add(cells.length == 3 ? new ReasonGuide.Row(cells[0].trim(), cells[1].trim(), cells[2].trim())
          : new ReasonGuide.Row(null, cells[0].trim(), cells[1].trim()));
    }
    return rows;
  }
}
