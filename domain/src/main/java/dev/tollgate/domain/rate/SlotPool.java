package dev.tollgate.domain.rate;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Parallel-request slots on one scope. A slot is taken per in-flight request and given back when it
 * ends; a slot whose holder vanished (a crash) lapses at its expiry, so a limit never leaks shut.
 *
 * <p>Not thread-safe: a store serializes access.
 */
public final class SlotPool {

  /** Suggested wait when every slot is taken: in-flight requests usually end within seconds. */
  public static final Duration BUSY_RETRY_AFTER = Duration.ofSeconds(1);

  private final int limit;
  private final Map<String, Instant> slots = new HashMap<>();

  public SlotPool(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative: " + limit);
    }
    this.limit = limit;
  }

  /** Takes a slot for {@code holder}; taking it again is a no-op that answers true. */
  public boolean tryAcquire(String holder, Instant expiresAt, Instant now) {
    lapse(now);
    if (slots.containsKey(holder)) {
      return true;
    }
    if (slots.size() >= limit) {
      return false;
    }
    slots.put(holder, expiresAt);
    return true;
  }

  public boolean release(String holder) {
    return slots.remove(holder) != null;
  }

  public int inUse(Instant now) {
    lapse(now);
    return slots.size();
  }

  public int limit() {
    return limit;
  }

  private void lapse(Instant now) {
    for (Iterator<Instant> it = slots.values().iterator(); it.hasNext(); ) {
      if (!now.isBefore(it.next())) {
        it.remove();
      }
    }
  }
}
