package io.wasabioperator.integration;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Key pairs read from their Secrets, kept until the Secret informer reports a change to that Secret,
 * so that a reconcile which finds nothing to do reads no Secret from the API. A read that raced with a
 * change is used once and not kept.
 */
public final class CredentialsCache {
  private static final int STRIPES = 64;
  private final Map<String, CredentialsLookup.Found> entries = new ConcurrentHashMap<>();
  // Changes counted per stripe of keys rather than per key, so the count itself stays small.
  private final AtomicLongArray changes = new AtomicLongArray(STRIPES);

  public Optional<CredentialsLookup.Found> get(String key) {
    return Optional.ofNullable(entries.get(key));
  }

  /** Taken before reading the Secret; {@link #put} keeps the read only if no change came in between. */
  public long stamp(String key) {
    return changes.get(stripe(key));
  }

  public void put(String key, long stamp, CredentialsLookup.Found found) {
    entries.put(key, found);
    if (changes.get(stripe(key)) != stamp) {
      entries.remove(key, found);
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

  private static int stripe(String key) {
    return Math.floorMod(key.hashCode(), STRIPES);
  }
}
