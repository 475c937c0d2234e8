package io.wasabioperator.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.AnnotationKeyword;
import com.networknt.schema.DisallowUnknownKeywordFactory;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.values.NullValue;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Validates a custom resource against one CRD the way an API server does. {@link #validate} judges a
 * manifest as at {@code kubectl apply}: first the version's {@code openAPIV3Schema} (types, required,
 * enum, pattern, lengths, bounds, formats, unique list-map keys, and unknown fields, as kubectl's
 * default strict field validation reports them), then every {@code x-kubernetes-validations} CEL rule,
 * each with {@code self} bound to the value at its schema node and evaluated only where that node is
 * present. {@link #admit} judges a write as the server stores it: unknown fields pruned, not refused,
 * and transition rules (those that read {@code oldSelf}) evaluated where the old object has a value at
 * the same place, and errors at values the update did not change ratcheted away, as since Kubernetes 1.30.
 * Every violation carries the {@link FieldError} the server would answer with.
 *
 * <p>Like the API server, it does not run the CEL rules when the schema found a wrong type or a value
 * outside an enum (the rules could not be trusted on such input); it reports {@link #RULES_NOT_CHECKED}
 * instead.
 *
 * <p>The CEL environment is the part of Kubernetes' that the CRDs need: standard functions and macros
 * ({@code has}), {@code matches} (RE2, unanchored), {@code duration()}, and the strings extension
 * ({@code substring}, ...). Kubernetes' own libraries ({@code url()}, {@code quantity()}, {@code ip()},
 * its list and regex functions) are not here: a rule using them fails to compile and
 * {@link #compileErrors()} names it.
 *
 * <p>One known difference: cel-java's {@code duration()} refuses Go forms with a bare decimal point,
 * such as {@code .5m}, {@code 90.m} or {@code 1h.5m}, which cel-go (and so the API server) accepts; here
 * they show up as rule evaluation errors. Write durations like {@code 30s}, {@code 90m} or {@code 1.5h}.
 */
public final class CrdValidator {
  /** Kubernetes' message when schema errors keep the CEL rules from running. */
  public static final String RULES_NOT_CHECKED = "some validation rules were not checked because the object was "
      + "invalid; correct the existing errors to complete validation";

  /**
   * One refusal. {@code path} is the field, written as the API server writes it ({@code spec.probe.interval},
   * {@code spec.items[0]}; empty for the whole object). {@code reason} is what a test asserts: the rule's
   * message for a CEL rule, the JSON-schema keyword ({@code pattern}, {@code enum}, ...) for the schema.
   * {@code detail} is the rule's expression or the schema library's message. {@code error} is the cause as
   * the API server words it.
   */
  public record Violation(String path, String reason, String detail, FieldError error) {
    @Override
    public String toString() {
      return (path.isEmpty() ? "<object>" : path) + ": " + reason + " [" + detail + "]";
    }
  }

  /** A write as the API server would store it ({@code stored}, unknown fields pruned) and its judgement. */
  public record Admission(JsonNode stored, List<String> prunedFields, Result result) {}

  /** A CEL rule of the CRD, at the schema node {@code schemaPath} ({@code spec.bucket}, {@code spec}, ...). */
  public record Rule(String schemaPath, String expression, String message) {
    String reason() {
      // What the API server reports for a failed rule without a message.
      return message == null ? "failed rule: " + expression : message;
    }

    /** A transition rule reads the old value; the server runs it on updates only, where an old value exists. */
    public boolean isTransition() {
      return OLD_SELF.matcher(expression).find();
    }
  }

  private static final java.util.regex.Pattern OLD_SELF = java.util.regex.Pattern.compile("\\boldSelf\\b");

  /** The outcome for one object, with the rules that ran on it (so that a test can show it is not vacuous). */
  public record Result(List<Violation> violations, Set<Rule> evaluatedRules) {
    public boolean valid() {
      return violations.isEmpty();
    }
  }

  private static final YAMLMapper YAML = new YAMLMapper();
  private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4,
      builder -> builder.metaSchema(kubernetesMetaSchema()));
  private static final SchemaValidatorsConfig SCHEMA_CONFIG = SchemaValidatorsConfig.builder()
      .pathType(PathType.JSON_POINTER)
      .locale(Locale.ENGLISH)
      .build();
  private static final CelOptions CEL_OPTIONS = CelOptions.current()
      // As in cel-go, which the API server uses: matches() finds the pattern anywhere unless it is
      // anchored, and 1 < 1.5 compares across numeric types.
      .enableRegexPartialMatch(true)
      .enableHeterogeneousNumericComparisons(true)
      .build();
  private static final CelRuntime CEL_RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder()
      .setOptions(CEL_OPTIONS)
      .addLibraries(CelExtensions.strings())
      .build();
  /** One compiler per type of self, with or without oldSelf; compilers are immutable and shared. */
  private static final Map<List<Object>, CelCompiler> COMPILERS = new HashMap<>();

  private final String apiVersion;
  private final String kind;
  private final JsonSchema schema;
  private final JsonNode openApiSchema;
  private final SchemaNode root;
  private final List<Rule> rules = new ArrayList<>();
  private final Map<Rule, String> compileErrors = new LinkedHashMap<>();
  private final Map<Rule, CelRuntime.Program> programs = new HashMap<>();
  private final Set<String> skippedExpressions;
  /** The expressions of the transition rules, which a violation names in its detail. */
  private final Set<String> transitionRules = new java.util.HashSet<>();

  private CrdValidator(String apiVersion, String kind, JsonNode openApiSchema, Set<String> skippedExpressions) {
    this.apiVersion = apiVersion;
    this.kind = kind;
    this.skippedExpressions = skippedExpressions;
    this.schema = SCHEMAS.getSchema(asApiServerValidates(openApiSchema), SCHEMA_CONFIG);
    this.openApiSchema = openApiSchema;
    this.root = compile(openApiSchema, "");
  }

  /**
   * Loads the CRD file's only version.
   *
   * @param skippedExpressions rule expressions that are not evaluated, for rules this CEL environment
   *     cannot evaluate as Kubernetes does; each must be explained where the set is defined
   */
  public static CrdValidator load(Path crdFile, Set<String> skippedExpressions) {
    try {
      return of(YAML.readTree(Files.readString(crdFile)), skippedExpressions);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(crdFile + ": " + e.getMessage(), e);
    }
  }

  /** The validator of a CRD's only version, from the CRD as a JSON tree. */
  public static CrdValidator of(JsonNode crd, Set<String> skippedExpressions) {
    JsonNode versions = crd.path("spec").path("versions");
    if (versions.size() != 1) {
      throw new IllegalArgumentException("expected exactly one version, found " + versions.size());
    }
    JsonNode version = versions.get(0);
    return new CrdValidator(crd.path("spec").path("group").asText() + "/" + version.path("name").asText(),
        crd.path("spec").path("names").path("kind").asText(),
        version.path("schema").path("openAPIV3Schema"), Set.copyOf(skippedExpressions));
  }

  public String apiVersion() {
    return apiVersion;
  }

  public String kind() {
    return kind;
  }

  /** Every CEL rule in the schema, skipped ones included, in schema order. */
  public List<Rule> rules() {
    return List.copyOf(rules);
  }

  /** The rules that did not compile, with the compiler's message. */
  public Map<Rule, String> compileErrors() {
    return Map.copyOf(compileErrors);
  }

  public boolean handles(JsonNode object) {
    return apiVersion.equals(object.path("apiVersion").asText()) && kind.equals(object.path("kind").asText());
  }

  /** Judges a manifest as {@code kubectl apply} does: unknown fields are refused, transition rules not run. */
  public Result validate(JsonNode object) {
    return judge(object, null);
  }

  /**
   * Judges a write as the API server stores it: unknown fields are pruned from a copy first, then the copy
   * is validated, transition rules included where {@code old} (the stored object, or null on create) has a
   * value at the rule's place.
   */
  public Admission admit(JsonNode object, JsonNode old) {
    JsonNode stored = object.deepCopy();
    List<String> pruned = new ArrayList<>();
    Pruning.prune(openApiSchema, stored, "", true, pruned);
    return new Admission(stored, List.copyOf(pruned), judge(stored, old));
  }

  private Result judge(JsonNode object, JsonNode old) {
    if (!handles(object)) {
      throw new IllegalArgumentException("not a " + kind + " of " + apiVersion + ": " + object.path("kind"));
    }
    List<Violation> violations = new ArrayList<>();
    boolean blocking = false;
    for (ValidationMessage message : schema.validate(object)) {
      String path = fieldPath(message);
      // A required field is missing from its parent object: that object must be unchanged to ratchet.
      String changed = message.getType().equals("required") ? parent(path) : path;
      if (ratcheted(changed, object, old)) {
        continue;
      }
      violations.add(new Violation(path, message.getType(), message.getMessage(), SchemaErrors.of(path, message)));
      // The API server skips CEL after NotSupported (enum) and TypeInvalid (type) errors.
      blocking |= message.getType().equals("enum") || message.getType().equals("type");
    }
    List<Violation> duplicates = new ArrayList<>();
    ListUniqueness.check(openApiSchema, object, "", duplicates);
    duplicates.stream().filter(duplicate -> !ratcheted(duplicate.path(), object, old)).forEach(violations::add);
    Set<Rule> evaluated = new LinkedHashSet<>();
    if (blocking) {
      violations.add(new Violation("", RULES_NOT_CHECKED, "schema errors of type or enum",
          new FieldError("", FieldError.Type.INVALID, null, RULES_NOT_CHECKED)));
    } else {
      List<Violation> ruleViolations = new ArrayList<>();
      evaluate(root, object, old, "", ruleViolations, evaluated);
      // Transition rules (oldSelf) are never ratcheted: comparing with the old value is their point.
      ruleViolations.stream().filter(violation -> transitionRules.contains(violation.detail())
          || !ratcheted(violation.path(), object, old)).forEach(violations::add);
    }
    violations.sort(Comparator.comparing(Violation::path).thenComparing(Violation::reason));
    return new Result(List.copyOf(violations), Set.copyOf(evaluated));
  }

  /**
   * Validation ratcheting, on by default since Kubernetes 1.30: on an update, an error at a value the write
   * did not change is not reported, so objects stored under an older CRD can still be updated (their status
   * written, a finalizer added). List items are compared by index here, not by list-map keys.
   */
  private static boolean ratcheted(String path, JsonNode object, JsonNode old) {
    if (old == null || path.isEmpty()) {
      return false;
    }
    JsonNode now = at(object, path);
    return !now.isMissingNode() && now.equals(at(old, path));
  }

  private static String parent(String path) {
    int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    return cut < 0 ? "" : path.substring(0, cut);
  }

  /** The value at a field path as the server writes it ({@code status.conditions[0].reason}). */
  private static JsonNode at(JsonNode object, String path) {
    JsonNode node = object;
    for (String part : path.split("\\.")) {
      int bracket = part.indexOf('[');
      node = node.path(bracket < 0 ? part : part.substring(0, bracket));
      while (bracket >= 0) {
        int close = part.indexOf(']', bracket);
        node = node.path(Integer.parseInt(part.substring(bracket + 1, close)));
        bracket = part.indexOf('[', close);
      }
    }
    return node;
  }

  // ---- OpenAPI schema

  private static JsonMetaSchema kubernetesMetaSchema() {
    // The x-kubernetes-* extensions carry no JSON-schema meaning (the CEL rules run separately); any
    // other keyword the library does not know is an error, so that no constraint is silently ignored.
    JsonMetaSchema.Builder builder = JsonMetaSchema.builder(JsonMetaSchema.getV4())
        .unknownKeywordFactory(DisallowUnknownKeywordFactory.getInstance());
    for (String keyword : List.of("x-kubernetes-validations", "x-kubernetes-preserve-unknown-fields",
        "x-kubernetes-int-or-string", "x-kubernetes-embedded-resource", "x-kubernetes-list-type",
        "x-kubernetes-list-map-keys", "x-kubernetes-map-type")) {
      builder.keyword(new AnnotationKeyword(keyword));
    }
    return builder.build();
  }

  /**
   * The schema as the API server applies it: apiVersion, kind and metadata are implicit at the root,
   * and kubectl's strict field validation refuses fields a structural schema does not declare.
   */
  private static JsonNode asApiServerValidates(JsonNode openApiSchema) {
    ObjectNode copy = openApiSchema.deepCopy();
    ObjectNode properties = copy.withObjectProperty("properties");
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    properties.set("apiVersion", nodes.objectNode().put("type", "string"));
    properties.set("kind", nodes.objectNode().put("type", "string"));
    properties.set("metadata", nodes.objectNode().put("type", "object"));
    refuseUndeclaredFields(copy);
    return copy;
  }

  private static void refuseUndeclaredFields(JsonNode node) {
    if (!(node instanceof ObjectNode object)) {
      return;
    }
    if (object.has("properties") && !object.has("additionalProperties")
        && !object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
      object.put("additionalProperties", false);
    }
    object.path("properties").forEach(CrdValidator::refuseUndeclaredFields);
    refuseUndeclaredFields(object.path("items"));
    refuseUndeclaredFields(object.path("additionalProperties"));
  }

  private static String fieldPath(ValidationMessage message) {
    StringBuilder path = new StringBuilder();
    JsonNodePath location = message.getInstanceLocation();
    for (int i = 0; i < location.getNameCount(); i++) {
      append(path, location.getElement(i));
    }
    // required and additionalProperties point at the object; the API server names the field itself.
    if (message.getType().equals("required") || message.getType().equals("additionalProperties")) {
      append(path, message.getProperty());
    }
    return path.toString();
  }

  private static void append(StringBuilder path, Object element) {
    if (element instanceof Integer index) {
      path.append('[').append(index).append(']');
    } else {
      path.append(path.isEmpty() ? "" : ".").append(element);
    }
  }

  // ---- CEL rules

  /** A schema node reduced to what rule evaluation needs. */
  private record SchemaNode(List<Rule> rules, Map<String, SchemaNode> properties, SchemaNode items,
      SchemaNode additionalProperties, List<String> listMapKeys) {}

  private SchemaNode compile(JsonNode schemaNode, String schemaPath) {
    List<Rule> nodeRules = new ArrayList<>();
    CelType selfType = celType(schemaNode);
    for (JsonNode validation : schemaNode.path("x-kubernetes-validations")) {
      Rule rule = new Rule(schemaPath, validation.path("rule").asText(),
          validation.hasNonNull("message") ? validation.get("message").asText() : null);
      rules.add(rule);
      nodeRules.add(rule);
      if (rule.isTransition()) {
        transitionRules.add(rule.expression());
      }
      if (skippedExpressions.contains(rule.expression())) {
        continue;
      }
      try {
        CelAbstractSyntaxTree ast = compiler(selfType, rule.isTransition()).compile(rule.expression()).getAst();
        programs.put(rule, CEL_RUNTIME.createProgram(ast));
      } catch (CelValidationException e) {
        compileErrors.put(rule, e.getMessage());
      } catch (CelEvaluationException e) {
        compileErrors.put(rule, "cannot plan: " + e.getMessage());
      }
    }
    Map<String, SchemaNode> properties = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> property : schemaNode.path("properties").properties()) {
      properties.put(property.getKey(),
          compile(property.getValue(), join(schemaPath, property.getKey())));
    }
    SchemaNode items = schemaNode.has("items") ? compile(schemaNode.get("items"), schemaPath + "[*]") : null;
    SchemaNode additional = schemaNode.path("additionalProperties").isObject()
        ? compile(schemaNode.get("additionalProperties"), join(schemaPath, "*")) : null;
    List<String> listMapKeys = new ArrayList<>();
    if (schemaNode.path("x-kubernetes-list-type").asText("").equals("map")) {
      schemaNode.path("x-kubernetes-list-map-keys").forEach(key -> listMapKeys.add(key.asText()));
    }
    return new SchemaNode(nodeRules, properties, items, additional, listMapKeys);
  }

  /** The type the API server gives {@code self}; objects and lists keep dynamic members. */
  private static CelType celType(JsonNode schemaNode) {
    if (schemaNode.path("x-kubernetes-int-or-string").asBoolean(false)) {
      return SimpleType.DYN;
    }
    return switch (schemaNode.path("type").asText("")) {
      case "string" -> SimpleType.STRING;
      case "integer" -> SimpleType.INT;
      case "number" -> SimpleType.DOUBLE;
      case "boolean" -> SimpleType.BOOL;
      case "object" -> MapType.create(SimpleType.STRING, SimpleType.DYN);
      case "array" -> ListType.create(SimpleType.DYN);
      default -> SimpleType.DYN;
    };
  }

  private static synchronized CelCompiler compiler(CelType selfType, boolean transition) {
    return COMPILERS.computeIfAbsent(List.of(selfType, transition), key -> {
      var builder = CelCompilerFactory.standardCelCompilerBuilder()
          .setOptions(CEL_OPTIONS)
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addLibraries(CelExtensions.strings())
          .addVar("self", selfType)
          // The API server refuses rules that do not yield a bool.
          .setResultType(SimpleType.BOOL);
      if (transition) {
        builder.addVar("oldSelf", selfType);
      }
      return builder.build();
    });
  }

  /**
   * Runs the rules at {@code node} and below. {@code old} is the stored value at the same place, or null
   * where there is none (a create, a new field, a list item without list-map keys to correlate it by).
   */
  private void evaluate(SchemaNode node, JsonNode value, JsonNode old, String path, List<Violation> violations,
      Set<Rule> evaluated) {
    for (Rule rule : node.rules()) {
      if (skippedExpressions.contains(rule.expression()) || rule.isTransition() && old == null) {
        continue;
      }
      evaluated.add(rule);
      CelRuntime.Program program = programs.get(rule);
      if (program == null) {
        violations.add(new Violation(path, "rule does not compile", compileErrors.get(rule),
            new FieldError(path, FieldError.Type.INVALID, null, "compilation failed: " + compileErrors.get(rule))));
        continue;
      }
      Map<String, Object> variables = new HashMap<>();
      variables.put("self", celValue(value));
      if (rule.isTransition()) {
        variables.put("oldSelf", celValue(old));
      }
      try {
        if (!Boolean.TRUE.equals(program.eval(variables))) {
          violations.add(new Violation(path, rule.reason(), rule.expression(), new FieldError(path,
              FieldError.Type.INVALID, TextNode.valueOf(SchemaErrors.typeName(value)), rule.reason())));
        }
      } catch (CelEvaluationException e) {
        violations.add(new Violation(path, "rule evaluation error", rule.expression() + ": " + e.getMessage(),
            new FieldError(path, FieldError.Type.INVALID, TextNode.valueOf(SchemaErrors.typeName(value)),
                "rule evaluation error")));
      }
    }
    if (value.isObject()) {
      for (Map.Entry<String, JsonNode> field : value.properties()) {
        SchemaNode child = node.properties().getOrDefault(field.getKey(), node.additionalProperties());
        if (child != null && !field.getValue().isNull()) {
          JsonNode oldChild = old == null || !old.isObject() ? null : old.get(field.getKey());
          evaluate(child, field.getValue(), oldChild == null || oldChild.isNull() ? null : oldChild,
              join(path, field.getKey()), violations, evaluated);
        }
      }
    } else if (value.isArray() && node.items() != null) {
      for (int i = 0; i < value.size(); i++) {
        evaluate(node.items(), value.get(i), correlated(node.listMapKeys(), value.get(i), old),
            path + "[" + i + "]", violations, evaluated);
      }
    }
  }

  /** The old item with the same list-map keys: the only list items the API server correlates. */
  private static JsonNode correlated(List<String> keys, JsonNode item, JsonNode oldList) {
    if (keys.isEmpty() || oldList == null || !oldList.isArray()) {
      return null;
    }
    for (JsonNode candidate : oldList) {
      if (keys.stream().allMatch(key -> candidate.path(key).equals(item.path(key)))) {
        return candidate;
      }
    }
    return null;
  }

  /** JSON as CEL sees it: integers are int (Java long), objects maps, arrays lists. */
  private static Object celValue(JsonNode node) {
    if (node.isIntegralNumber()) {
      return node.longValue();
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.forEach(element -> list.add(celValue(element)));
      return list;
    }
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      node.properties().forEach(field -> map.put(field.getKey(), celValue(field.getValue())));
      return map;
    }
    return NullValue.NULL_VALUE;
  }

  private static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }
}
