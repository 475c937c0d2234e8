package io.wasabioperator.cli.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wasabioperator.api.AccessMode;
import io.wasabioperator.integration.BucketPolicyRenderer;
import io.wasabioperator.integration.PolicyStatementIds;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PolicyMergeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BUCKET = "customer-a";
  private static final String FOLDER = "slides/";
  private static final String PRINCIPAL = "arn:aws:iam::100000274636:user/darwin";
  private static final String OTHERS = "{\"Sid\":\"OwnerBackup\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
      + "\"arn:aws:iam::123456789012:user/backup\"},\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::customer-a/*\"}";
  private static final String DENY = "{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":"
      + "\"arn:aws:s3:::customer-a/*\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"},\"NumericLessThan\":"
      + "{\"s3:TlsVersion\":1.2}}}";

  private static String ours(AccessMode mode, boolean mirax) {
    return BucketPolicyRenderer.render(BUCKET, FOLDER, mode, mirax, PRINCIPAL);
  }

  private static String owner(String... statements) {
    return "{\"Version\":\"2012-10-17\",\"Id\":\"OwnersPolicy\",\"Statement\":[" + String.join(",", statements)
        + "],\"Comment\":\"kept\"}";
  }

  private static String statement(String policy, int index) {
    return read(policy).get("Statement").get(index).toString();
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static List<String> sids(JsonNode policy) {
    List<String> sids = new ArrayList<>();
    policy.get("Statement").forEach(s -> sids.add(s.path("Sid").asText("-")));
    return sids;
  }

  @Test
  void ourStatementsAreAppendedAndEverythingElseIsKeptInOrder() {
    JsonNode merged = PolicyMerge.merge(owner(OTHERS, DENY), ours(AccessMode.ReadWrite, true), BUCKET, FOLDER);
    assertThat(merged.get("Statement").get(0)).isEqualTo(read(OTHERS));
    assertThat(merged.get("Statement").get(1).toString()).isEqualTo(DENY);
    assertThat(merged.get("Statement").get(2)).isEqualTo(read(statement(ours(AccessMode.ReadWrite, true), 0)));
    assertThat(merged.get("Statement").get(3)).isEqualTo(read(statement(ours(AccessMode.ReadWrite, true), 1)));
    List<String> keys = new ArrayList<>();
    merged.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).containsExactly("Version", "Id", "Statement", "Comment");
    assertThat(merged.get("Id").asText()).isEqualTo("OwnersPolicy");
  }

  @Test
  void aReadWriteStatementLeftAfterASwitchToReadOnlyIsReplacedInPlace() {
    String before = ours(AccessMode.ReadWrite, true);
    JsonNode merged = PolicyMerge.merge(owner(statement(before, 0), OTHERS, statement(before, 1)),
        ours(AccessMode.ReadOnly, false), BUCKET, FOLDER);
    assertThat(sids(merged)).containsExactly(PolicyStatementIds.objects(AccessMode.ReadOnly, FOLDER), "OwnerBackup");
    assertThat(merged.get("Statement").get(0)).isEqualTo(read(statement(ours(AccessMode.ReadOnly, false), 0)));
  }

  @Test
  void anotherFoldersStatementsAreNeverTouched() {
    String otherFolder = BucketPolicyRenderer.render(BUCKET, "other/", AccessMode.ReadWrite, true, PRINCIPAL);
    JsonNode merged = PolicyMerge.merge(owner(statement(otherFolder, 0), statement(otherFolder, 1)),
        ours(AccessMode.ReadOnly, true), BUCKET, FOLDER);
    assertThat(merged.get("Statement")).hasSize(4);
    assertThat(merged.get("Statement").get(0)).isEqualTo(read(statement(otherFolder, 0)));
    assertThat(merged.get("Statement").get(1)).isEqualTo(read(statement(otherFolder, 1)));
  }

  @Test
  void legacySidsOfThisFolderAreReplacedAndThoseOfOtherFoldersKept() {
    String thisFolder = ours(AccessMode.ReadWrite, true)
        .replace(PolicyStatementIds.objects(AccessMode.ReadWrite, FOLDER), "AllowPlatformReadWrite")
        .replace(PolicyStatementIds.listing(FOLDER), "AllowPlatformListForMirax");
    String otherLegacy = statement(BucketPolicyRenderer.render(BUCKET, "other/", AccessMode.ReadOnly, false, PRINCIPAL)
        .replace(PolicyStatementIds.objects(AccessMode.ReadOnly, "other/"), "AllowPlatformRead"), 0);
    JsonNode merged = PolicyMerge.merge(owner(statement(thisFolder, 0), otherLegacy, statement(thisFolder, 1)),
        ours(AccessMode.ReadWrite, true), BUCKET, FOLDER);
    assertThat(sids(merged)).containsExactly(PolicyStatementIds.objects(AccessMode.ReadWrite, FOLDER),
        "AllowPlatformRead", PolicyStatementIds.listing(FOLDER));
  }

  @Test
  void aSingleStatementObjectIsAPolicyToo() {
    String single = "{\"Version\":\"2012-10-17\",\"Statement\":" + OTHERS + "}";
    JsonNode merged = PolicyMerge.merge(single, ours(AccessMode.ReadOnly, false), BUCKET, FOLDER);
    assertThat(sids(merged)).containsExactly("OwnerBackup", PolicyStatementIds.objects(AccessMode.ReadOnly, FOLDER));
  }

  @Test
  void someoneElsesStatementUnderOurSidIsRefused() {
    String sid = PolicyStatementIds.objects(AccessMode.ReadOnly, FOLDER);
    String clash = OTHERS.replace("OwnerBackup", sid);
    assertThatThrownBy(() -> PolicyMerge.merge(owner(clash), ours(AccessMode.ReadOnly, false), BUCKET, FOLDER))
        .isInstanceOf(PolicyMerge.Refused.class).hasMessageContaining("Sid " + sid)
        .hasMessageContaining("another principal");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"%s\"", "{\"AWS\":\"%s\"}", "{\"AWS\":[\"%s\"]}"})
  void ourStatementWithOurPrincipalInAnotherSpellingIsOursNotAClash(String principal) {
    String ours = ours(AccessMode.ReadOnly, true);
    String respelled = statement(ours, 0).replace("{\"AWS\":\"" + PRINCIPAL + "\"}", principal.formatted(PRINCIPAL))
        .replace("\"Resource\":\"arn:aws:s3:::customer-a/slides/*\"", "\"Resource\":[\"arn:aws:s3:::customer-a/slides/*\"]");
    assertThat(respelled).isNotEqualTo(statement(ours, 0));
    JsonNode merged = PolicyMerge.merge(owner(OTHERS, respelled), ours, BUCKET, FOLDER);
    assertThat(sids(merged)).containsExactly("OwnerBackup", PolicyStatementIds.objects(AccessMode.ReadOnly, FOLDER),
        PolicyStatementIds.listing(FOLDER));
    assertThat(merged.get("Statement").get(1)).isEqualTo(read(statement(ours, 0)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"%s\"", "{\"AWS\":\"%s\"}", "{\"AWS\":[\"%s\"]}"})
  void legacyStatementsInAnotherSpellingAreRecognised(String principal) {
    String legacy = ours(AccessMode.ReadWrite, true)
        .replace(PolicyStatementIds.objects(AccessMode.ReadWrite, FOLDER), "AllowPlatformReadWrite")
        .replace(PolicyStatementIds.listing(FOLDER), "AllowPlatformListForMirax")
        .replace("{\"AWS\":\"" + PRINCIPAL + "\"}", principal.formatted(PRINCIPAL))
        .replace("\"Resource\":\"arn:aws:s3:::customer-a/slides/*\"", "\"Resource\":[\"arn:aws:s3:::customer-a/slides/*\"]")
        .replace("\"Resource\":\"arn:aws:s3:::customer-a\"", "\"Resource\":[\"arn:aws:s3:::customer-a\"]")
        .replace("\"s3:prefix\":\"slides/*\"", "\"s3:prefix\":[\"slides/*\"]");
    assertThat(legacy).contains("[\"slides/*\"]", "[\"arn:aws:s3:::customer-a\"]");
    JsonNode merged = PolicyMerge.merge(owner(statement(legacy, 0), statement(legacy, 1)),
        ours(AccessMode.ReadWrite, true), BUCKET, FOLDER);
    assertThat(sids(merged)).containsExactly(PolicyStatementIds.objects(AccessMode.ReadWrite, FOLDER),
        PolicyStatementIds.listing(FOLDER));
  }

  @Test
  void aListedConditionValueOfAnotherPrefixIsNotThisFolders() {
    String otherPrefix = statement(ours(AccessMode.ReadWrite, true), 1)
        .replace(PolicyStatementIds.listing(FOLDER), "AllowPlatformListForMirax")
        .replace("\"s3:prefix\":\"slides/*\"", "\"s3:prefix\":[\"slides/*\",\"other/*\"]");
    JsonNode merged = PolicyMerge.merge(owner(otherPrefix), ours(AccessMode.ReadWrite, true), BUCKET, FOLDER);
    assertThat(sids(merged)).containsExactly("AllowPlatformListForMirax",
        PolicyStatementIds.objects(AccessMode.ReadWrite, FOLDER), PolicyStatementIds.listing(FOLDER));
  }

  @Test
  void ourStatementsRenderedForAnotherFolderAreRefusedRatherThanDuplicated() {
    String forOther = BucketPolicyRenderer.render(BUCKET, "other/", AccessMode.ReadOnly, false, PRINCIPAL);
    assertThatThrownBy(() -> PolicyMerge.merge(owner(statement(forOther, 0)), forOther, BUCKET, FOLDER))
        .isInstanceOf(PolicyMerge.Refused.class)
        .hasMessageContaining("the merged policy would have two statements with Sid "
            + PolicyStatementIds.objects(AccessMode.ReadOnly, "other/"));
  }

  @Test
  void duplicateSidsAreRefused() {
    assertThatThrownBy(() -> PolicyMerge.merge(owner(OTHERS, OTHERS), ours(AccessMode.ReadOnly, false), BUCKET,
        FOLDER)).isInstanceOf(PolicyMerge.Refused.class).hasMessageContaining("two statements with Sid OwnerBackup");
  }

  @Test
  void malformedInputIsRefusedWithAClearMessage() {
    String ours = ours(AccessMode.ReadOnly, false);
    assertThatThrownBy(() -> PolicyMerge.merge("{\"Statement\": [", ours, BUCKET, FOLDER))
        .isInstanceOf(PolicyMerge.Refused.class).hasMessageStartingWith("the policy is not JSON");
    assertThatThrownBy(() -> PolicyMerge.merge("[1, 2]", ours, BUCKET, FOLDER))
        .hasMessageContaining("expected a JSON object with a Statement, found array");
    assertThatThrownBy(() -> PolicyMerge.merge("{\"Version\":\"2012-10-17\"}", ours, BUCKET, FOLDER))
        .hasMessageContaining("it has no Statement");
    assertThatThrownBy(() -> PolicyMerge.merge("{\"Statement\":\"all\"}", ours, BUCKET, FOLDER))
        .hasMessageContaining("neither a list of statements nor one statement");
    assertThatThrownBy(() -> PolicyMerge.merge("{\"Statement\":[42]}", ours, BUCKET, FOLDER))
        .hasMessageContaining("Statement[0] is not a statement");
    assertThatThrownBy(() -> PolicyMerge.merge("{\"Statement\":[],\"Statement\":[]}", ours, BUCKET, FOLDER))
        .hasMessageContaining("Duplicate field 'Statement'");
    assertThatThrownBy(() -> PolicyMerge.merge("", ours, BUCKET, FOLDER)).hasMessageContaining("found nothing");
  }
}
