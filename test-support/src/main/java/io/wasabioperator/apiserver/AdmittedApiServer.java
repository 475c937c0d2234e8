package io.wasabioperator.apiserver;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The mock API server in CRUD mode behind {@link AdmittingStore}, in place of
 * {@code @EnableKubernetesMockClient(crud = true)}: {@code KubernetesClient} and {@code KubernetesMockServer}
 * fields of the test class are set, static ones once for the class, instance ones for each test.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(AdmittedApiServerExtension.class)
public @interface AdmittedApiServer {}
