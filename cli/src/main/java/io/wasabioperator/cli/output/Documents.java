package io.wasabioperator.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

/** Documents printed as kubectl prints them: JSON indented by two spaces, YAML without a document marker. */
public final class Documents {
  private static final DefaultIndenter TWO_SPACES = new DefaultIndenter("  ", "\n");
  private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter()
      .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
      .withObjectIndenter(TWO_SPACES)
      .withArrayIndenter(TWO_SPACES);
  private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
  private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
      .build());

  private Documents() {}

  /** The mapper that reads JSON as these documents are written (objects keep their key order). */
  public static ObjectMapper json() {
    return JSON;
  }

  /** Pretty JSON, two spaces, {@code "key": value}, ending in a newline. */
  public static String prettyJson(Object document) {
    try {
      return JSON.writer(PRETTY).writeValueAsString(document) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a document of plain values is always JSON", e);
    }
  }

  public static String yaml(Object document) {
    try {
      return YAML.writeValueAsString(document);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a document of plain values is always YAML", e);
    }
  }

  public static String format(Object document, Output output) {
    return output == Output.json ? prettyJson(document) : yaml(document);
  }
}
