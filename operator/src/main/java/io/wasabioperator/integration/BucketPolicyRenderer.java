package io.wasabioperator.integration;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wasabioperator.api.AccessMode;

/**
 * Renders the resource-based bucket policy the bucket owner attaches. Pure and deterministic: the
 * same target renders the same bytes, so status does not churn and GitOps diffs stay quiet.
 */
public final class BucketPolicyRenderer {
  private static final ObjectMapper JSON = new ObjectMapper();

  private BucketPolicyRenderer() {}

  public static String render(String bucket, String accessPrefix, AccessMode mode, boolean mirax, String principalArn) {
    ObjectNode policy = JSON.createObjectNode();
    policy.put("Version", "2012-10-17");
    policy.put("Id", "PolicyForExternalAccess");
    ArrayNode statements = policy.putArray("Statement");

    ObjectNode objects = statement(statements, PolicyStatementIds.objects(mode, accessPrefix), principalArn);
    ArrayNode actions = objects.putArray("Action").add("s3:GetObject");
    if (mode == AccessMode.ReadWrite) {
      actions.add("s3:PutObject");
    }
    objects.put("Resource", "arn:aws:s3:::" + bucket + "/" + accessPrefix + "*");

    if (mirax) {
      ObjectNode list = statement(statements, PolicyStatementIds.listing(accessPrefix), principalArn);
      list.putArray("Action").add("s3:ListBucket");
      list.put("Resource", "arn:aws:s3:::" + bucket);
      if (!accessPrefix.isEmpty()) {
        list.putObject("Condition").putObject("StringLike").put("s3:prefix", accessPrefix + "*");
      }
    }
    return policy.toString();
  }

  public static String render(IntegrationTarget target) {
    return render(target.bucket(), target.accessPrefix(), target.mode(), target.mirax(), target.principalArn());
  }

  private static ObjectNode statement(ArrayNode statements, String sid, String principalArn) {
    ObjectNode statement = statements.addObject();
    statement.put("Sid", sid);
    statement.put("Effect", "Allow");
    statement.putObject("Principal").put("AWS", principalArn);
    return statement;
  }
}
