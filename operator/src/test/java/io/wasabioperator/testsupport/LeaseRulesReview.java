package io.wasabioperator.testsupport;

import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRuleBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;

/**
 * java-operator-sdk's leader election asks at start, with a SelfSubjectRulesReview, whether it may use
 * Leases. The mock API cannot review permissions: this answers as an API server would for the chart's
 * leader-election Role.
 */
public final class LeaseRulesReview {
  private LeaseRulesReview() {}

  public static void answerAsTheChartAllows(KubernetesMockServer server) {
    server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
        .andReturn(201, new SelfSubjectRulesReviewBuilder().withNewStatus().withIncomplete(false)
            .withResourceRules(new ResourceRuleBuilder().withApiGroups("coordination.k8s.io")
                .withResources("leases").withVerbs("create", "get", "patch", "update").build())
            .endStatus().build())
        .always();
  }
}
