package io.wasabioperator.cli;

import io.wasabioperator.api.ApiGroup;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The two kinds the commands take, under every name kubectl accepts for them. */
public enum ResourceKind {
  INTEGRATION("WasabiStorageIntegration", "wasabistorageintegrations", "wsi"),
  REQUEST("SignedUrlRequest", "signedurlrequests", "sur");

  private final String kind;
  private final String plural;
  private final String shortName;

  ResourceKind(String kind, String plural, String shortName) {
    this.kind = kind;
    this.plural = plural;
    this.shortName = shortName;
  }

  public String kind() {
    return kind;
  }

  public String plural() {
    return plural;
  }

  public String shortName() {
    return shortName;
  }

  /** {@code signedurlrequest.storage.wasabi-operator.io}, as kubectl names an object it acted on. */
  public String qualified() {
    return kind.toLowerCase(Locale.ROOT) + "." + ApiGroup.GROUP;
  }

  /** The kind a type name means: short, singular, plural, each optionally with the group. */
  public static Optional<ResourceKind> of(String typeName) {
    String name = typeName.toLowerCase(Locale.ROOT);
    if (name.endsWith("." + ApiGroup.GROUP)) {
      name = name.substring(0, name.length() - ApiGroup.GROUP.length() - 1);
    }
    String wanted = name;
    return Arrays.stream(values()).filter(k -> k.names().contains(wanted)).findFirst();
  }

  private List<String> names() {
    return List.of(shortName, kind.toLowerCase(Locale.ROOT), plural);
  }
}
