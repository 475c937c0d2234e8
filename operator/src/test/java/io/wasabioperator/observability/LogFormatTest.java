package io.wasabioperator.observability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;

/** The operator's own logback.xml, as shipped: both formats carry the resource from the MDC. */
class LogFormatTest {
  @ParameterizedTest
  @ValueSource(strings = {"text", "json"})
  void linesCarryTheResourceInEitherFormat(String format) throws Exception {
    String output = logOneLine(format);
    if (format.equals("json")) {
      JsonNode line = new ObjectMapper().readTree(output.lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow());
      assertThat(line.get("level").asText()).isEqualTo("INFO");
      assertThat(line.get("formattedMessage").asText()).isEqualTo("Issued revision 3");
      assertThat(line.at("/mdc/resource.namespace").asText()).isEqualTo("team-a");
      assertThat(line.at("/mdc/resource.name").asText()).isEqualTo("slide-1");
    } else {
      assertThat(output).contains("INFO  [team-a/slide-1]").contains("Issued revision 3").doesNotContain("{\"");
    }
  }

  private static String logOneLine(String format) throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
    try {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      context.putProperty("WASABI_OPERATOR_LOG_FORMAT", format);
      JoranConfigurator configurator = new JoranConfigurator();
      configurator.setContext(context);
      configurator.doConfigure(LogFormatTest.class.getResource("/logback.xml"));
      Logger log = context.getLogger("io.wasabioperator.signedurl.SignedUrlRequestReconciler");
      // This context's own MDC: the global one belongs to the test JVM's default context.
      context.getMDCAdapter().put("resource.namespace", "team-a");
      context.getMDCAdapter().put("resource.name", "slide-1");
      log.info("Issued revision {}", 3);
    } finally {
      context.getMDCAdapter().clear();
      context.stop();
      System.setOut(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
