package io.wasabioperator.install.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;

/** The harness itself: what the scripts may use, and how the object reaches them. */
class LuaSandboxTest {
  private static final JsonNode OBJECT = YamlTrees.parse("""
      apiVersion: storage.wasabi-operator.io/v1alpha1
      kind: WasabiStorageIntegration
      metadata: {name: a, generation: 7}
      status:
        conditions:
          - {type: Validated, status: "True"}
          - {type: Ready, status: "False"}
      """);

  @Test
  void onlyBaseAndTableLibrariesAreOpen() {
    Globals globals = ArgoCdLua.sandbox();
    for (String name : new String[] {"os", "io", "luajava", "debug", "string", "math", "coroutine", "package",
        "require", "dofile", "loadfile"}) {
      assertThat(globals.get(name).isnil()).as(name).isTrue();
    }
    for (String name : new String[] {"ipairs", "pairs", "type", "tostring", "table"}) {
      assertThat(globals.get(name).isnil()).as(name).isFalse();
    }
  }

  @Test
  void scriptsCannotReachTheStringLibraryThroughStringValues() {
    // Argo CD sets no string metatable for argocd-cm scripts either, so ("x"):lower() must fail here too.
    assertThatThrownBy(() -> ArgoCdLua.run("t", "return {status = (\"Healthy\"):lower()}", OBJECT))
        .isInstanceOf(LuaError.class);
    assertThatThrownBy(() -> ArgoCdLua.run("t", "return {status = os.getenv(\"HOME\")}", OBJECT))
        .isInstanceOf(LuaError.class);
  }

  @Test
  void listsAreOneBasedAndNumbersPrintAsIntegers() {
    HealthStatus health = ArgoCdLua.run("t", """
        local c = obj.status.conditions
        return {status = "Healthy", message = c[1].type .. "," .. c[2].type .. "," .. #c .. "," .. obj.metadata.generation}
        """, OBJECT);
    assertThat(health).isEqualTo(new HealthStatus("Healthy", "Validated,Ready,2,7"));
  }

  @Test
  void anUnknownStatusBecomesUnknownAsInArgoCd() {
    assertThat(ArgoCdLua.run("t", "return {status = \"Fine\", message = \"x\"}", OBJECT))
        .isEqualTo(new HealthStatus("Unknown", ArgoCdLua.INVALID_STATUS));
  }

  @Test
  void aScriptMustReturnATableWithStringFields() {
    assertThatThrownBy(() -> ArgoCdLua.run("t", "return \"Healthy\"", OBJECT))
        .hasMessageContaining("not a table");
    assertThatThrownBy(() -> ArgoCdLua.run("t", "return {status = \"Healthy\", message = 3}", OBJECT))
        .hasMessageContaining("as message");
  }
}
