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

  /** What {@link #take} did. */
  public enum Take {
    /** A slot was taken for the holder. */
    TAKEN,
    /** The holder holds a slot already (not lapsed): nothing changed. */
    ALREADY_HELD,
    /** Every slot is taken: nothing changed. */
    FULL
  }

  /** Takes a slot for {@code holder}; taking it again is a no-op that answers true. */
  public boolean tryAcquire(String holder, Instant expiresAt, Instant now) {
    return take(holder, expiresAt, now) != Take.FULL;
  }

  /**
   * Takes a slot for {@code holder}, unless it holds one. Lapsed slots are swept only when the
   * pool looks full with them counted: below the limit a take costs the same with thousands of
   * requests in flight as with none ({@code SlotAdmissionBenchmark}), and the answer is the same
   * as sweeping first.
   */
  public Take take(String holder, Instant expiresAt, Instant now) {
    Instant held = slots.get(holder);
    if (held != null && now.isBefore(held)) {
      return Take.ALREADY_HELD;
    }
    if (held != null) {
      slots.remove(holder); // its own slot lapsed: taken again like any other
    }
    if (slots.size() >= limit) {
      lapse(now);
      if (slots.size() >= limit) {
        return Take.FULL;
      }
    }
    slots.put(holder, expiresAt);
    return Take.TAKEN;
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
