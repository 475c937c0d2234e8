package io.wasabioperator.cli.reasons;

import io.wasabioperator.cli.ResourceKind;
import io.wasabioperator.status.ReasonGuide;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The operator's reason guide (the rows README's tables show), looked up by reason. */
public final class ReasonTexts {
  private static final Pattern REASON = Pattern.compile("`([A-Za-z]+)`");
  /** Shorter input than this is no part of a reason worth suggesting ("a" is part of nearly every one). */
  private static final int MIN_PART = 4;

  /**
   * A row of the guide, for one kind.
   *
   * @param condition the condition type the row is listed under; null for SignedUrlRequest's single table
   */
  public record Entry(ResourceKind kind, String condition, String reasons, String whatToDo) {
    /** Whether the row says there is nothing to do. */
    public boolean happy() {
      // the guide words its rows for a healthy state so ("nothing to do", "nothing: ..."); status only leaves such a
      // "what to do" out, so a row worded otherwise is shown, never lost

      return whatToDo.startsWith("nothing");
    }
  }

  private ReasonTexts() {}

  public static List<Entry> all() {
    List<Entry> entries = new ArrayList<>();
    ReasonGuide.INTEGRATION.forEach(row -> entries.add(entry(ResourceKind.INTEGRATION, row)));
    ReasonGuide.SIGNED_URL_REQUEST.forEach(row -> entries.add(entry(ResourceKind.REQUEST, row)));
    return entries;
  }

  /** The reasons a row names (a row may name several). */
  public static List<String> reasonsOf(Entry entry) {
    List<String> names = new ArrayList<>();
    Matcher matcher = REASON.matcher(entry.reasons());
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return names;
  }

  /** Every row naming the reason, of any kind, ignoring case. */
  public static List<Entry> find(String reason) {
    return all().stream().filter(e -> reasonsOf(e).stream().anyMatch(r -> r.equalsIgnoreCase(reason))).toList();
  }

  /**
   * What to do about a condition's reason: the kind's rows for the reason under that condition, else the kind's
   * rows for the reason under any condition (Ready repeats the reason of the condition that failed).
   */
  public static List<Entry> forCondition(ResourceKind kind, String conditionType, String reason) {
    List<Entry> ofKind = find(reason).stream().filter(e -> e.kind() == kind).toList();
    List<Entry> underCondition = ofKind.stream().filter(e -> conditionType.equals(e.condition())).toList();
    return underCondition.isEmpty() ? ofKind : underCondition;
  }

  /** Every reason the guide knows, sorted. */
  public static Set<String> names() {
    Set<String> names = new TreeSet<>();
    all().forEach(e -> names.addAll(reasonsOf(e)));
    return names;
  }

  /**
   * Known reasons close to an unknown one: same letters in another case, a part of it of at least {@value #MIN_PART}
   * letters, or a few typos away.
   */
  public static List<String> closeTo(String unknown) {
    String wanted = unknown.toLowerCase(Locale.ROOT);
    return names().stream()
        .filter(name -> {
          String lower = name.toLowerCase(Locale.ROOT);
          return wanted.length() >= MIN_PART && lower.contains(wanted) || wanted.contains(lower)
              || distance(lower, wanted) <= 3;
        })
        .sorted(Comparator.comparingInt(name -> distance(name.toLowerCase(Locale.ROOT), wanted)))
        .limit(5)
        .toList();
  }

  private static Entry entry(ResourceKind kind, ReasonGuide.Row row) {
    return new Entry(kind, row.condition(), row.reasons(), row.whatToDo());
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      int[] current = new int[b.length() + 1];
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      previous = current;
    }
    return previous[b.length()];
  }
}
