package io.wasabioperator.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.wasabioperator.config.LabelSelectorExpression;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a request's {@code labelSelector} and {@code fieldSelector} select, evaluated here rather than by
 * fabric8's mock, which ignores the selectors it does not know and so would list (or delete) everything.
 * Field selectors: Events take theirs, in either version ({@code involvedObject.uid} in core v1,
 * {@code regarding.uid} in events.k8s.io/v1; {@link EventMirror#matches}); every other kind {@code metadata.name}
 * and {@code metadata.namespace}, as the API server offers for all kinds. A selector outside these is refused
 * with {@link Unsupported} rather than ignored.
 */
record Selection(LabelSelectorExpression labels, String fields, boolean events) {
  private static final Pattern FIELD_TERM = Pattern.compile("\\s*(metadata\\.name|metadata\\.namespace)\\s*(==|=|!=)"
      + "\\s*([^,\\s]*)\\s*");

  /** A selector this sandbox cannot evaluate, or one that does not parse: the request is a 400 BadRequest. */
  static final class Unsupported extends IllegalArgumentException {
    Unsupported(String message) {
      super(message);
    }
  }

  /** The selection of a list or watch of {@code path}; everything when it has no selectors. */
  static Selection of(ApiPath path) {
    boolean events = "events".equals(path.resource());
    LabelSelectorExpression labels;
    try {
      labels = LabelSelectorExpression.parse(path.param("labelSelector").orElse(""));
    } catch (IllegalArgumentException e) {
      throw new Unsupported(e.getMessage());
    }
    String fields = path.param("fieldSelector").orElse("");
    if (!events && !fields.isBlank()) {
      for (String term : fields.split(",")) {
        if (!FIELD_TERM.matcher(term).matches()) {
          throw new Unsupported("the sandbox does not support this selector: " + term.trim() + " (of the field"
              + " selector " + fields + "); it selects by metadata.name and metadata.namespace only");
        }
      }
    }
    return new Selection(labels, fields, events);
  }

  static boolean isSelecting(ApiPath path) {
    return path.param("labelSelector").isPresent() || path.param("fieldSelector").isPresent();
  }

  /** Whether this object (an Event as the request's version shows it, for a selection of Events) is selected. */
  boolean matches(JsonNode object) {
    if (!labels.matches(labelsOf(object))) {
      return false;
    }
    if (events) {
      return EventMirror.matches(object, fields);
    }
    if (fields.isBlank()) {
      return true;
    }
    for (String term : fields.split(",")) {
      Matcher m = FIELD_TERM.matcher(term);
      m.matches();
      String actual = object.path("metadata").path(m.group(1).substring("metadata.".length())).asText();
      if (actual.equals(m.group(3)) == m.group(2).equals("!=")) {
        return false;
      }
    }
    return true;
  }

  private static Map<String, String> labelsOf(JsonNode object) {
    Map<String, String> labels = new HashMap<>();
    object.path("metadata").path("labels").fields().forEachRemaining(label -> labels.put(label.getKey(),
        label.getValue().asText()));
    return labels;
  }
}
