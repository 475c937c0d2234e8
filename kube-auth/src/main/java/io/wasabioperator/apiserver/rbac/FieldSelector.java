package io.wasabioperator.apiserver.rbac;

import java.util.List;
import java.util.Optional;

/** Field selectors (`metadata.name=x,type!=Opaque`), as far as the API server reads a request's name from them. */
final class FieldSelector {
  private static final List<String> OPERATORS = List.of("!=", "==", "=");

  private record Term(String field, String operator, String value) {}

  private FieldSelector() {}

  /**
   * The name a selector pins with `metadata.name=x` or `metadata.name==x`, which the API server takes as the
   * request's name; empty when it pins none or does not parse (the API server then ignores it for this too).
   */
  static Optional<String> exactName(String selector) {
    if (selector == null) {
      return Optional.empty();
    }
    Optional<String> name = Optional.empty();
    for (String text : selector.split("(?<!\\\\),")) {
      if (text.isEmpty()) {
        continue;
      }
      Optional<Term> term = parse(text);
      if (term.isEmpty()) {
        return Optional.empty();
      }
      if (name.isEmpty() && term.get().field().equals("metadata.name") && !term.get().operator().equals("!=")) {
        name = Optional.of(term.get().value().replaceAll("\\\\([\\\\,=])", "$1"));
      }
    }
    return name;
  }

  /** The first operator outside an escape splits the term. */
  private static Optional<Term> parse(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\\') {
        i++;
        continue;
      }
      for (String operator : OPERATORS) {
        if (text.startsWith(operator, i)) {
          return Optional.of(new Term(text.substring(0, i), operator, text.substring(i + operator.length())));
        }
      }
    }
    return Optional.empty();
  }
}
