package io.wasabioperator.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The mock API server in CRUD mode over HTTPS, as {@code @EnableKubernetesMockClient(crud = true)} gives it
 * (static {@code KubernetesClient} and {@code KubernetesMockServer} fields are set; {@code TokenIssuer} and
 * {@code Reviews} ones too, for TokenReviews and SubjectAccessReviews answered from the RBAC objects stored),
 * admitting writes as a
 * real API server does ({@code AdmittingStore}: the CRDs' schemas and CEL rules, names, labels, Secret
 * sizes, delete preconditions), with every request of the operator's own client recorded to {@code target/api-recordings/<class>.jsonl}. The
 * install tests judge those recordings against the chart's RBAC, as a real API server would.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RecordedApiServerExtension.class)
public @interface RecordedApiServer {
  /** The Helm values, as JSON, of the chart render these requests must be allowed by. */
  String chartValues() default "{}";

  /**
   * Refusals (422) of the operator's writes that the class provokes on purpose, each as a part of the line
   * {@code METHOD path: message}. Any other refusal fails the class: on a cluster the operator would retry it.
   */
  String[] expectedRefusals() default {};
}
