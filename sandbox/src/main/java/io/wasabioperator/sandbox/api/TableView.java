package io.wasabioperator.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Function;

/**
 * The {@code meta.k8s.io/v1 Table} that kubectl asks for ({@code Accept: ...;as=Table}) and prints as
 * it is: a custom resource's columns are its CRD's additionalPrinterColumns, as the API server builds
 * them (dates as ages, so a date in the future reads {@code <invalid>} there too); Secrets, Namespaces
 * and Events get the columns kubectl shows for them on a real cluster; other kinds NAME and AGE.
 */
final class TableView {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** One column: its header, type and how a row's cell is read from the object. */
  record Column(String name, String type, int priority, Function<JsonNode, JsonNode> cell) {}

  private final Clock clock;

  TableView(Clock clock) {
    this.clock = clock;
  }

  /** The columns for a kind: from the CRD when there is one, else the built-in ones. */
  List<Column> columns(Discovery.Resource resource, JsonNode crdVersion) {
    Column name = new Column("Name", "string", 0, object -> object.path("metadata").path("name"));
    if (crdVersion != null) {
      List<Column> columns = new java.util.ArrayList<>(List.of(name));
      for (JsonNode printer : crdVersion.path("additionalPrinterColumns")) {
        String type = printer.path("type").asText("string");
        String path = printer.path("jsonPath").asText();
        // A path this subset does not read leaves its cells empty rather than failing the whole table.
        Function<JsonNode, List<JsonNode>> values = JsonPathColumn.isSupported(path)
            ? object -> JsonPathColumn.evaluate(object, path) : object -> List.of();
        columns.add(new Column(printer.path("name").asText(), type, printer.path("priority").asInt(),
            object -> cell(type, values.apply(object))));
      }
      if (columns.size() == 1) {
        columns.add(age());
      }
      return columns;
    }
    return switch (resource.plural()) {
      case "secrets" -> List.of(name, new Column("Type", "string", 0, object -> object.path("type")),
          new Column("Data", "integer", 0, object -> JSON.numberNode(object.path("data").size())), age());
      case "namespaces" -> List.of(name, new Column("Status", "string", 0,
          object -> JSON.textNode(object.path("status").path("phase").asText("Active"))), age());
      case "events" -> List.of(
          new Column("Last Seen", "string", 0, object -> JSON.textNode(since(lastSeen(object)))),
          new Column("Type", "string", 0, object -> object.path("type")),
          new Column("Reason", "string", 0, object -> object.path("reason")),
          new Column("Object", "string", 0, object -> JSON.textNode(involved(object))),
          new Column("Message", "string", 0, object -> object.path("message")));
      case "deployments" -> List.of(name, new Column("Ready", "string", 0, object -> JSON.textNode(
          object.path("status").path("readyReplicas").asInt() + "/" + object.path("spec").path("replicas").asInt(1))),
          new Column("Available", "integer", 0, object -> object.path("status").path("availableReplicas")), age());
      default -> List.of(name, age());
    };
  }

  /** A Table of these objects; each row carries the object as {@code includeObject} asks (Metadata by default). */
  ObjectNode table(List<Column> columns, List<JsonNode> objects, String resourceVersion, String includeObject) {
    ObjectNode table = JSON.objectNode().put("kind", "Table").put("apiVersion", "meta.k8s.io/v1");
    table.putObject("metadata").put("resourceVersion", resourceVersion);
    ArrayNode definitions = table.putArray("columnDefinitions");
    for (Column column : columns) {
      ObjectNode definition = definitions.addObject().put("name", column.name()).put("type", column.type())
          .put("format", column.name().equals("Name") ? "name" : "").put("description", "")
          .put("priority", column.priority());
      if (column.type().equals("date")) {
        definition.put("type", "string");
      }
    }
    ArrayNode rows = table.putArray("rows");
    for (JsonNode object : objects) {
      ObjectNode row = rows.addObject();
      ArrayNode cells = row.putArray("cells");
      columns.forEach(column -> cells.add(column.cell().apply(object)));
      switch (includeObject == null ? "Metadata" : includeObject) {
        case "None" -> { }
        case "Object" -> row.set("object", object);
        default -> row.set("object", JSON.objectNode().put("kind", "PartialObjectMetadata")
            .put("apiVersion", "meta.k8s.io/v1").set("metadata", object.path("metadata")));
      }
    }
    return table;
  }

  private Column age() {
    return new Column("Age", "date", 0, object -> cell("date",
        List.of(object.path("metadata").path("creationTimestamp"))));
  }

  /** As the API server's CRD table convertor: the first value; dates as ages, strings as text. */
  private JsonNode cell(String type, List<JsonNode> values) {
    if (values.isEmpty() || values.get(0).isMissingNode() || values.get(0).isNull()) {
      return JSON.nullNode();
    }
    JsonNode value = values.get(0);
    return switch (type) {
      case "date" -> JSON.textNode(since(value.asText()));
      case "string" -> JSON.textNode(value.isValueNode() ? value.asText() : value.toString());
      default -> value;
    };
  }

  private static String lastSeen(JsonNode event) {
    for (String time : List.of("series.lastObservedTime", "lastTimestamp", "eventTime", "firstTimestamp",
        "metadata.creationTimestamp")) {
      JsonNode node = event;
      for (String name : time.split("\\.")) {
        node = node.path(name);
      }
      if (node.isTextual() && !node.asText().isEmpty()) {
        return node.asText();
      }
    }
    return "";
  }

  private static String involved(JsonNode event) {
    JsonNode object = event.path("involvedObject");
    return object.path("kind").asText().toLowerCase(java.util.Locale.ROOT) + "/" + object.path("name").asText();
  }

  /** The age of a timestamp the way kubectl and the API server print it. */
  String since(String timestamp) {
    try {
      return humanDuration(Duration.between(Instant.parse(timestamp), clock.instant()));
    } catch (DateTimeParseException e) {
      return "<invalid>";
    }
  }

  /** apimachinery's duration.HumanDuration. */
  static String humanDuration(Duration d) {
    long seconds = d.getSeconds();
    if (seconds < -1) {
      return "<invalid>";
    } else if (seconds < 0) {
      return "0s";
    } else if (seconds < 120) {
      return seconds + "s";
    }
    long minutes = d.toMinutes();
    long hours = d.toHours();
    if (minutes < 10) {
      return units(minutes, "m", seconds % 60, "s");
    } else if (minutes < 180) {
      return minutes + "m";
    } else if (hours < 8) {
      return units(hours, "h", minutes % 60, "m");
    } else if (hours < 48) {
      return hours + "h";
    } else if (hours < 24 * 8) {
      return units(hours / 24, "d", hours % 24, "h");
    } else if (hours < 24 * 365 * 2) {
      return hours / 24 + "d";
    } else if (hours < 24 * 365 * 8) {
      return units(hours / 24 / 365, "y", (hours / 24) % 365, "d");
    }
    return hours / 24 / 365 + "y";
  }

  /** "3m", or "3m20s" when the smaller unit is not zero. */
  private static String units(long major, String majorUnit, long minor, String minorUnit) {
    return minor == 0 ? major + majorUnit : major + majorUnit + minor + minorUnit;
  }
}
