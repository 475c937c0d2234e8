package io.wasabioperator.cli.policy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wasabioperator.api.AccessMode;
import io.wasabioperator.integration.BucketPolicyRenderer;
import io.wasabioperator.integration.PolicyStatementIds;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Our statements merged into the bucket owner's policy, ready to paste into Wasabi's console. Our statements for
 * this folder are replaced (in place where one stood, else appended): those with this folder's {@code Sid}s, a
 * ReadWrite one left behind after a switch to ReadOnly included, and those with the {@code Sid}s of releases
 * before the folder hash when their principal, {@code Resource} and {@code Condition} are this folder's. Every
 * other statement and key is kept, in its order. Refused rather than guessed: input that is not a policy, two
 * statements with one {@code Sid} (in the owner's policy, or in the result), and a statement of someone else under
 * one of our {@code Sid}s.
 *
 * <p>Values are compared as IAM reads them, not as they are spelled: a string is a one-element list and the order
 * of a list does not matter ({@code Resource}, condition values), and a principal {@code "arn"} is
 * {@code {"AWS": "arn"}} is {@code {"AWS": ["arn"]}}.
 */
public final class PolicyMerge {
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  /** Any valid principal: only the Resource and Condition of the rendering are compared. */
  private static final String ANY_PRINCIPAL = "arn:aws:iam::000000000000:user/any";

  private enum Grant { OBJECTS, LISTING }

  /** Why a merge was refused; the message says what to fix. */
  public static final class Refused extends RuntimeException {
    Refused(String message) {
      super(message);
    }
  }

  private PolicyMerge() {}

  /**
   * @param ownerPolicy the owner's bucket policy, JSON
   * @param ourPolicy the integration's rendered policy ({@code status.bucketPolicy})
   * @param bucket the integration's bucket
   * @param accessPrefix the integration's access prefix, normalised as the operator does ("" for the whole bucket)
   */
  public static ObjectNode merge(String ownerPolicy, String ourPolicy, String bucket, String accessPrefix) {
    ObjectNode owner = policyObject(ownerPolicy);
    List<ObjectNode> theirs = statements(owner);
    refuseDuplicateSids(theirs, "the owner's policy has two statements with Sid %s, which a bucket policy does not "
        + "allow; fix the owner's policy first");
    List<ObjectNode> ours = statements(policyObject(ourPolicy));
    if (ours.isEmpty()) {
      throw new Refused("the integration's policy has no statement");
    }
    Map<String, Set<String>> ourPrincipal = principal(ours.get(0).get("Principal"));
    List<String> folderSids = PolicyStatementIds.forFolder(accessPrefix);
    List<ObjectNode> canonical = statements(policyObject(
        BucketPolicyRenderer.render(bucket, accessPrefix, AccessMode.ReadWrite, true, ANY_PRINCIPAL)));

    List<ObjectNode> pending = new ArrayList<>(ours);
    ArrayNode merged = JSON.createArrayNode();
    for (ObjectNode statement : theirs) {
      Optional<Grant> replaced = ourOwn(statement, folderSids, accessPrefix, ourPrincipal, canonical);
      if (replaced.isEmpty()) {
        merged.add(statement);
        continue;
      }
      pending.stream().filter(s -> grant(sid(s), accessPrefix) == replaced.get()).findFirst().ifPresent(s -> {
        merged.add(s);
        pending.remove(s);
      });
    }
    pending.forEach(merged::add);
    List<ObjectNode> result = new ArrayList<>();
    merged.forEach(statement -> result.add((ObjectNode) statement));
    refuseDuplicateSids(result, "the merged policy would have two statements with Sid %s (our statements and the "
        + "folder they were rendered for disagree); nothing is printed");
    ObjectNode mergedPolicy = owner.deepCopy();
    mergedPolicy.set("Statement", merged);
    return mergedPolicy;
  }

  /** What an owner's statement grants when it is ours for this folder; empty when it is anyone else's. */
  private static Optional<Grant> ourOwn(ObjectNode statement, List<String> folderSids, String accessPrefix,
      Map<String, Set<String>> ourPrincipal, List<ObjectNode> canonical) {
    String sid = sid(statement);
    if (sid == null) {
      return Optional.empty();
    }
    if (folderSids.contains(sid)) {
      if (!ourPrincipal.equals(principal(statement.get("Principal")))) {
        throw new Refused("the owner's policy has a statement with Sid " + sid + ", one of ours for this folder, "
            + "but for another principal (" + statement.get("Principal") + "); it is not ours to replace: rename "
            + "its Sid in the owner's policy, or ask the owner whose it is");
      }
      return Optional.of(grant(sid, accessPrefix));
    }
    if (PolicyStatementIds.legacy().contains(sid) && ourPrincipal.equals(principal(statement.get("Principal")))) {
      for (ObjectNode ofFolder : canonical) {
        if (sameTarget(statement, ofFolder)) {
          return Optional.of(grant(sid(ofFolder), accessPrefix));
        }
      }
    }
    return Optional.empty();
  }

  private static boolean sameTarget(ObjectNode statement, ObjectNode ofFolder) {
    return values(ofFolder.get("Resource")).equals(values(statement.get("Resource")))
        && condition(ofFolder.get("Condition")).equals(condition(statement.get("Condition")));
  }

  /** A value that may be one string or a list of them, as a set. */
  private static Set<String> values(JsonNode node) {
    Set<String> values = new HashSet<>();
    if (node == null || node.isNull()) {
      return values;
    }
    (node.isArray() ? node : List.of(node)).forEach(value -> values.add(value.isValueNode() ? value.asText()
        : value.toString()));
    return values;
  }

  /** Each key's values as a set: a principal's kinds (AWS, ...), or a condition operator's keys. */
  private static Map<String, Set<String>> valuesByKey(JsonNode node) {
    Map<String, Set<String>> byKey = new HashMap<>();
    node.fields().forEachRemaining(field -> byKey.put(field.getKey(), values(field.getValue())));
    return byKey;
  }

  /** A principal: a bare {@code "arn"} means {@code {"AWS": ["arn"]}}. */
  private static Map<String, Set<String>> principal(JsonNode node) {
    if (node == null || node.isNull()) {
      return Map.of();
    }
    return node.isObject() ? valuesByKey(node) : Map.of("AWS", values(node));
  }

  /** A Condition: each operator's keys, each key's values as a set. */
  private static Map<String, Object> condition(JsonNode node) {
    Map<String, Object> byOperator = new HashMap<>();
    if (node != null && node.isObject()) {
      node.fields().forEachRemaining(operator -> byOperator.put(operator.getKey(), operator.getValue().isObject()
          ? valuesByKey(operator.getValue()) : values(operator.getValue())));
    }
    return byOperator;
  }

  private static Grant grant(String sid, String accessPrefix) {
    return PolicyStatementIds.listing(accessPrefix).equals(sid) ? Grant.LISTING : Grant.OBJECTS;
  }

  private static String sid(ObjectNode statement) {
    JsonNode sid = statement.get("Sid");
    return sid != null && sid.isTextual() ? sid.asText() : null;
  }

  private static ObjectNode policyObject(String json) {
    JsonNode node;
    try {
      node = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new Refused("the policy is not JSON: " + e.getOriginalMessage() + " (line "
          + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
    }
    if (node == null || !node.isObject()) {
      throw new Refused("the policy is not a bucket policy: expected a JSON object with a Statement, found "
          + (node == null || node.isMissingNode() ? "nothing" : node.getNodeType().name().toLowerCase(Locale.ROOT)));
    }
    return (ObjectNode) node;
  }

  /** The statements: an array, or the single statement object a policy may hold. */
  private static List<ObjectNode> statements(ObjectNode policy) {
    JsonNode statement = policy.get("Statement");
    if (statement == null) {
      throw new Refused("the policy is not a bucket policy: it has no Statement");
    }
    List<ObjectNode> statements = new ArrayList<>();
    if (statement.isObject()) {
      statements.add((ObjectNode) statement);
      return statements;
    }
    if (!statement.isArray()) {
      throw new Refused("the policy's Statement is neither a list of statements nor one statement");
    }
    for (int i = 0; i < statement.size(); i++) {
      if (!statement.get(i).isObject()) {
        throw new Refused("the policy's Statement[" + i + "] is not a statement (a JSON object)");
      }
      statements.add((ObjectNode) statement.get(i));
    }
    return statements;
  }

  /** @param problem the message, with %s for the Sid */
  private static void refuseDuplicateSids(List<ObjectNode> statements, String problem) {
    Set<String> seen = new HashSet<>();
    for (ObjectNode statement : statements) {
      String sid = sid(statement);
      if (sid != null && !seen.add(sid)) {
        throw new Refused(problem.formatted(sid));
      }
    }
  }
}
