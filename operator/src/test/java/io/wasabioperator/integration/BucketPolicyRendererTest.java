package io.wasabioperator.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.wasabioperator.api.AccessMode;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BucketPolicyRendererTest {
  private static final String ARN = "arn:aws:iam::100000274636:user/darwin";
  private static final String HEAD = "{\"Version\":\"2012-10-17\",\"Id\":\"PolicyForExternalAccess\",\"Statement\":[";
  private static final String PRINCIPAL = "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + ARN + "\"},";

  static Stream<Arguments> policies() {
    return Stream.of(
        Arguments.of(AccessMode.ReadOnly, "", false, HEAD
            + "{\"Sid\":\"AllowPlatformReade3b0c442\"," + PRINCIPAL
            + "\"Action\":[\"s3:GetObject\"],\"Resource\":\"arn:aws:s3:::bucket/*\"}]}"),
        Arguments.of(AccessMode.ReadWrite, "", false, HEAD
            + "{\"Sid\":\"AllowPlatformReadWritee3b0c442\"," + PRINCIPAL
            + "\"Action\":[\"s3:GetObject\",\"s3:PutObject\"],\"Resource\":\"arn:aws:s3:::bucket/*\"}]}"),
        Arguments.of(AccessMode.ReadOnly, "my_subfolder/", false, HEAD
            + "{\"Sid\":\"AllowPlatformReadd1755bc2\"," + PRINCIPAL
            + "\"Action\":[\"s3:GetObject\"],\"Resource\":\"arn:aws:s3:::bucket/my_subfolder/*\"}]}"),
        Arguments.of(AccessMode.ReadWrite, "my_subfolder/", false, HEAD
            + "{\"Sid\":\"AllowPlatformReadWrited1755bc2\"," + PRINCIPAL
            + "\"Action\":[\"s3:GetObject\",\"s3:PutObject\"],\"Resource\":\"arn:aws:s3:::bucket/my_subfolder/*\"}]}"),
        Arguments.of(AccessMode.ReadOnly, "", true, HEAD
            + "{\"Sid\":\"AllowPlatformReade3b0c442\"," + PRINCIPAL
            + "\"Action\":[\"s3:GetObject\"],\"Resource\":\"arn:aws:s3:::bucket/*\"},"
            + "{\"Sid\":\"AllowPlatformListForMiraxe3b0c442\"," + PRINCIPAL
            + "\"Action\":[\"s3:ListBucket\"],\"Resource\":\"arn:aws:s3:::bucket\"}]}"),
        Arguments.of(AccessMode.ReadWrite, "", true, HEAD
            + "{\"Sid\":\"AllowPlatformReadWritee3b0c442\"," + PRINCIPAL
            + "\"Action\":[\"s3:GetObject\",\"s3:PutObject\"],\"Resource\":\"arn:aws:s3:::bucket/*\"},"
            + "{\"Sid\":\"AllowPlatformListForMiraxe3b0c442\"," + PRINCIPAL
            + "\"Action\":[\"s3:ListBucket\"],\"Resource\":\"arn:aws:s3:::bucket\"}]}"),
        Arguments.of(AccessMode.ReadOnly, "slides/", true, HEAD
            + "{\"Sid\":\"AllowPlatformReadacc3408f\"," + PRINCIPAL
            + "\"Action\":[\"s3:GetObject\"],\"Resource\":\"arn:aws:s3:::bucket/slides/*\"},"
            + "{\"Sid\":\"AllowPlatformListForMiraxacc3408f\"," + PRINCIPAL
            + "\"Action\":[\"s3:ListBucket\"],\"Resource\":\"arn:aws:s3:::bucket\","
            + "\"Condition\":{\"StringLike\":{\"s3:prefix\":\"slides/*\"}}}]}"),
        Arguments.of(AccessMode.ReadWrite, "slides/", true, HEAD
            + "{\"Sid\":\"AllowPlatformReadWriteacc3408f\"," + PRINCIPAL
            + "\"Action\":[\"s3:GetObject\",\"s3:PutObject\"],\"Resource\":\"arn:aws:s3:::bucket/slides/*\"},"
            + "{\"Sid\":\"AllowPlatformListForMiraxacc3408f\"," + PRINCIPAL
            + "\"Action\":[\"s3:ListBucket\"],\"Resource\":\"arn:aws:s3:::bucket\","
            + "\"Condition\":{\"StringLike\":{\"s3:prefix\":\"slides/*\"}}}]}"));
  }

  @ParameterizedTest(name = "{0} accessPrefix=''{1}'' mirax={2}")
  @MethodSource("policies")
  void rendersThePolicyForEachCombination(AccessMode mode, String accessPrefix, boolean mirax, String expected) {
    assertThat(BucketPolicyRenderer.render("bucket", accessPrefix, mode, mirax, ARN)).isEqualTo(expected);
  }

  @Test
  void escapesQuotesInPrefixes() {
    String policy = BucketPolicyRenderer.render("bucket", "a\"b/", AccessMode.ReadOnly, false, ARN);
    assertThat(policy).contains("arn:aws:s3:::bucket/a\\\"b/*");
  }
}
