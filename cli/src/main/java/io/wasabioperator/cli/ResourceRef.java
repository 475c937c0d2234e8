package io.wasabioperator.cli;

import java.util.ArrayList;
import java.util.List;

/** A named object of one of the two kinds, written as kubectl takes it: {@code TYPE/NAME} or {@code TYPE NAME}. */
public record ResourceRef(ResourceKind kind, String name) {

  /**
   * One reference from the positional arguments.
   *
   * @param command the command as typed ({@code kubectl wasabi status}), for the example of an error
   */
  public static ResourceRef parse(String command, List<String> args) {
    List<ResourceRef> refs = parseAll(command, args);
    if (refs.size() != 1) {
      throw CliException.error("one resource is expected, as wsi/NAME or sur/NAME, not " + refs.size());
    }
    return refs.get(0);
  }

  /** Every reference: {@code TYPE/NAME...}, or {@code TYPE NAME...} (one type, then names). */
  public static List<ResourceRef> parseAll(String command, List<String> args) {
    if (args == null || args.isEmpty()) {
      throw CliException.error("name a resource, as wsi/NAME or sur/NAME");
    }
    List<ResourceRef> refs = new ArrayList<>();
    if (!args.get(0).contains("/")) {
      ResourceKind kind = kind(args.get(0));
      if (args.size() == 1) {
        throw CliException.error("name the " + kind.kind() + ", as " + kind.shortName() + "/NAME or "
            + kind.shortName() + " NAME");
      }
      args.subList(1, args.size()).forEach(name -> refs.add(new ResourceRef(kind, checkedName(name))));
      return refs;
    }
    for (String arg : args) {
      int slash = arg.indexOf('/');
      if (slash < 0) {
        throw CliException.error("there is no need to specify a resource type as a separate argument when "
            + "passing arguments in resource/name form (e.g. '" + command + " "
            + refs.get(refs.size() - 1).kind().shortName() + "/" + arg + "')");
      }
      refs.add(new ResourceRef(kind(arg.substring(0, slash)), checkedName(arg.substring(slash + 1))));
    }
    return refs;
  }

  private static ResourceKind kind(String typeName) {
    return ResourceKind.of(typeName).orElseThrow(() -> CliException.error("the server doesn't have a resource type \""
        + typeName + "\" for this command; use wsi (WasabiStorageIntegration) or sur (SignedUrlRequest)"));
  }

  private static String checkedName(String name) {
    if (name.isEmpty() || name.contains("/")) {
      throw CliException.error("'" + name + "' is not a resource name");
    }
    return name;
  }

  @Override
  public String toString() {
    return kind.shortName() + "/" + name;
  }
}
