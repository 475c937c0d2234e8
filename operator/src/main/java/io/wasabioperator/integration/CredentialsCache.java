package io.wasabioperator.integration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Key pairs read from their Secrets, kept until the Secret informer reports a change to that Secret,
 * so that a reconcile which finds nothing to do reads no Secret from the API. A read that raced with a
 * change is used once and not kept. Nothing is kept longer than {@link #MAX_AGE}: a deletion during a
 * lost watch is not reported (the informer's relist announces only what it kept), and a key pair
 * nobody uses any more should not stay in memory.
 */
public final class CredentialsCache {
  public static final Duration MAX_AGE = Duration.ofMinutes(10);
  private static final int STRIPES = 64;
  private final Clock clock;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  // Changes counted per stripe of keys rather than per key, so the count itself stays small.
  private final AtomicLongArray changes = new AtomicLongArray(STRIPES);

  private record Entry(CredentialsLookup.Found found, Instant readAt) {}

  public CredentialsCache(Clock clock) {
    this.clock = clock;
  }

  public Optional<CredentialsLookup.Found> get(String key) {
    Entry entry = entries.get(key);
    if (entry == null) {
      return Optional.empty();
    }
    if (isOld(entry)) {
      entries.remove(key, entry);
      return Optional.empty();
    }
    return Optional.of(entry.found());
  }

  /** Taken before reading the Secret; {@link #put} keeps the read only if no change came in between. */
  public long stamp(String key) {
    return changes.get(stripe(key));
  }

  public void put(String key, long stamp, CredentialsLookup.Found found) {
    entries.values().removeIf(this::isOld);
    Entry entry = new Entry(found, clock.instant());
    entries.put(key, entry);
    if (changes.get(stripe(key)) != stamp) {
      entries.remove(key, entry);
    }
  }

  /** The Secret under {@code key} ("namespace/name") changed or went. */
  public void invalidate(String key) {
    changes.incrementAndGet(stripe(key));
    entries.remove(key);
  }

  public int size() {
    return entries.size();
  }

  private boolean isOld(Entry entry) {
    Instant now = clock.instant();
    // A clock stepped back counts as old too: better one read too many than a key pair kept forever.
    return now.isBefore(entry.readAt()) || !now.isBefore(entry.readAt().plus(MAX_AGE));
  }

  private static int stripe(String key) {
    return Math.floorMod(key.hashCode(), STRIPES);
  }
}
