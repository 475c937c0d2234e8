package io.wasabioperator.apiserver;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Starts an admitted API server for the class (static fields) or for each test (instance fields). */
public final class AdmittedApiServerExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
  private KubernetesMockServer classServer;
  private KubernetesClient classClient;
  private KubernetesMockServer testServer;
  private KubernetesClient testClient;

  @Override
  public void beforeAll(ExtensionContext context) throws IllegalAccessException {
    if (hasFields(context.getRequiredTestClass(), true)) {
      classServer = AdmittedApiServers.start(UnaryOperator.identity());
      classClient = classServer.createClient();
      inject(context.getRequiredTestClass(), null, true, classServer, classClient);
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IllegalAccessException {
    if (hasFields(context.getRequiredTestClass(), false)) {
      testServer = AdmittedApiServers.start(UnaryOperator.identity());
      testClient = testServer.createClient();
      inject(context.getRequiredTestClass(), context.getRequiredTestInstance(), false, testServer, testClient);
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (testServer != null) {
      testClient.close();
      testServer.destroy();
      testServer = null;
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (classServer != null) {
      classClient.close();
      classServer.destroy();
      classServer = null;
    }
  }

  private static boolean hasFields(Class<?> testClass, boolean statics) {
    for (Class<?> type = testClass; type != null; type = type.getSuperclass()) {
      for (Field field : type.getDeclaredFields()) {
        if (Modifier.isStatic(field.getModifiers()) == statics && isInjected(field)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isInjected(Field field) {
    return field.getType() == KubernetesClient.class || field.getType() == KubernetesMockServer.class;
  }

  private static void inject(Class<?> testClass, Object instance, boolean statics, KubernetesMockServer server,
      KubernetesClient client) throws IllegalAccessException {
    for (Class<?> type = testClass; type != null; type = type.getSuperclass()) {
      for (Field field : type.getDeclaredFields()) {
        if (Modifier.isStatic(field.getModifiers()) != statics || !isInjected(field)) {
          continue;
        }
        field.setAccessible(true);
        field.set(instance, field.getType() == KubernetesClient.class ? client : server);
      }
    }
  }
}
