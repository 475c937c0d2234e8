package io.wasabioperator.signing;

import java.util.List;
import java.util.Map;

/** Who a TokenReview says a caller is: what a SubjectAccessReview for them must carry. */
public record Caller(String user, String uid, List<String> groups, Map<String, List<String>> extra) {}
