package io.wasabioperator.install.health;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LoadState;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.lib.BaseLib;
import org.luaj.vm2.lib.PackageLib;
import org.luaj.vm2.lib.TableLib;

/**
 * Runs a health.lua the way Argo CD runs a script from argocd-cm: the live object as the global
 * {@code obj}, the returned table read as {@code {status, message}}.
 *
 * <p>Argo CD opens only the base, table, package and a reduced os library for argocd-cm scripts (string
 * and math only with {@code useOpenLibs}). The scripts get less here, base and table only, so a script
 * that passes needs no {@code useOpenLibs} and cannot reach files, processes or Java classes.
 */
final class ArgoCdLua {
  /** The statuses Argo CD accepts from a script; anything else becomes Unknown. */
  static final Set<String> HEALTH_STATUSES = Set.of("Healthy", "Progressing", "Degraded", "Suspended", "Missing",
      "Unknown");
  static final String INVALID_STATUS = "Lua returned an invalid health status";

  private ArgoCdLua() {}

  static HealthStatus run(String chunkName, String script, JsonNode object) {
    Globals globals = sandbox();
    globals.set("obj", toLua(object));
    LuaValue result = globals.load(script, chunkName).call();
    if (!result.istable()) {
      throw new IllegalStateException(chunkName + " returned " + result.typename() + ", not a table");
    }
    String status = text(chunkName, result.get("status"), "status");
    String message = text(chunkName, result.get("message"), "message");
    if (status == null || !HEALTH_STATUSES.contains(status)) {
      return new HealthStatus("Unknown", INVALID_STATUS);
    }
    return new HealthStatus(status, message == null ? "" : message);
  }

  static Globals sandbox() {
    // String methods ("x"):lower() go through a JVM-wide metatable that only LuaJ's string library sets.
    LuaString.s_metatable = null;
    Globals globals = new Globals();
    globals.load(new BaseLib());
    // LuaJ's table library registers itself in package.loaded, so the package library comes first.
    globals.load(new PackageLib());
    globals.load(new TableLib());
    LoadState.install(globals);
    LuaC.install(globals);
    // LuaJ's require can load Java classes and dofile/loadfile read the classpath: a health check needs none.
    for (String name : new String[] {"require", "package", "dofile", "loadfile"}) {
      globals.set(name, LuaValue.NIL);
    }
    return globals;
  }

  /** The object as Argo CD hands it to Lua: maps become tables, lists 1-based arrays, every number a float. */
  static LuaValue toLua(JsonNode node) {
    return switch (node.getNodeType()) {
      case OBJECT -> {
        LuaTable table = new LuaTable();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
          table.set(field.getKey(), toLua(field.getValue()));
        }
        yield table;
      }
      case ARRAY -> {
        LuaTable table = new LuaTable();
        int index = 1;
        for (JsonNode item : node) {
          table.set(index++, toLua(item));
        }
        yield table;
      }
      case STRING -> LuaValue.valueOf(node.textValue());
      case NUMBER -> LuaValue.valueOf(node.doubleValue());
      case BOOLEAN -> LuaValue.valueOf(node.booleanValue());
      case NULL, MISSING -> LuaValue.NIL;
      default -> throw new IllegalArgumentException("no Lua value for " + node.getNodeType());
    };
  }

  private static String text(String chunkName, LuaValue value, String field) {
    if (value.isnil()) {
      return null;
    }
    // Argo CD decodes the table as JSON into string fields: a number or a table there is an error.
    if (value.type() != LuaValue.TSTRING) {
      throw new IllegalStateException(chunkName + " returned a " + value.typename() + " as " + field);
    }
    return value.tojstring();
  }
}
