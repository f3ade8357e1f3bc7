package dev.tollgate.adapter.journal;

import dev.tollgate.domain.ledger.RequestId;
import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.domain.tenancy.Tag;
import java.time.Instant;
import java.util.Optional;

/**
 * The last forwarded entries, as much as a duplicate needs: a 64-bit hash of each request id and
 * a 64-bit print of its event (the fields {@link SpendEntry#sameEventAs} compares), in primitive
 * arrays allocated once. The journal used to keep the entries themselves (100,000 object graphs
 * of ~370 bytes each), which lived for tens of seconds and were what the collector's young pauses
 * copied (docs/benchmarks.md); these arrays are ~2.6 MB for 100,000 and never move again.
 *
 * <p>What a hash can and cannot decide: a miss is certain (an id not here was not among the last
 * {@code capacity} forwarded ids). A hit whose print differs is only a suspicion, settled by the
 * ledger (the journal reads the recorded entry there). A hit whose print matches is taken for the
 * same event: wrong only if both 64-bit hashes collide (about 2^-128 for a pair), and then what
 * is wrong is the kind of answer, {@code Exists} for {@code ExistsWithDifferentEvent}: in both
 * cases nothing is recorded twice.
 *
 * <p>A ring of {@code capacity} slots in forwarding order, the oldest overwritten first, indexed by
 * an open-addressing table (linear probing, deletion by backward shift). Not thread-safe: the
 * journal calls it under its lock.
 */
final class RecentEvents {

  /** What a lookup found. */
  enum Match { NONE, SAME, DIFFERENT }

  private static final long K1 = 0x9E3779B97F4A7C15L;
  private static final long K2 = 0xC2B2AE3D27D4EB4FL;

  private final int capacity;
  private final long[] ids;
  private final long[] prints;
  private final int[] table; // slot + 1, 0 = empty
  private final int mask;
  private int size;
  private int next; // the ring's next slot (the oldest once full)

  RecentEvents(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must not be negative");
    }
    this.capacity = capacity;
    this.ids = new long[capacity];
    this.prints = new long[capacity];
    int tableSize = Integer.highestOneBit(Math.max(2, capacity * 2 - 1)) << 1;
    this.table = new int[capacity == 0 ? 0 : tableSize];
    this.mask = table.length - 1;
  }

  int size() {
    return size;
  }

  /** With the hashes computed beforehand ({@link #idHash}, {@link #eventPrint}), outside a lock. */
  Match match(long id, long print) {
    if (capacity == 0) {
      return Match.NONE;
    }
    int slot = find(id);
    if (slot < 0) {
      return Match.NONE;
    }
    return prints[slot] == print ? Match.SAME : Match.DIFFERENT;
  }

  /** Remembers a forwarded entry by its hashes, forgetting the oldest when full. */
  void add(long id, long print) {
    if (capacity == 0) {
      return;
    }
    int known = find(id);
    if (known >= 0) { // forwarded again (the ledger decided it): the newest print answers
      prints[known] = print;
      return;
    }
    if (size == capacity) {
      remove(next);
    } else {
      size++;
    }
    ids[next] = id;
    prints[next] = print;
    int i = (int) mix(id) & mask;
    while (table[i] != 0) {
      i = (i + 1) & mask;
    }
    table[i] = next + 1;
    next = next + 1 == capacity ? 0 : next + 1;
  }

  private int find(long id) {
    int i = (int) mix(id) & mask;
    while (table[i] != 0) {
      int slot = table[i] - 1;
      if (ids[slot] == id) {
        return slot;
      }
      i = (i + 1) & mask;
    }
    return -1;
  }

  /** Removes a slot's table entry and shifts later entries of its run back (no tombstones). */
  private void remove(int slot) {
    int i = (int) mix(ids[slot]) & mask;
    while (table[i] != slot + 1) {
      i = (i + 1) & mask;
    }
    int hole = i;
    int j = hole;
    while (true) {
      j = (j + 1) & mask;
      if (table[j] == 0) {
        break;
      }
      int home = (int) mix(ids[table[j] - 1]) & mask;
      // j's entry may fill the hole when its home is not cyclically in (hole, j]
      boolean stays = hole <= j ? hole < home && home <= j : hole < home || home <= j;
      if (!stays) {
        table[hole] = table[j];
        hole = j;
      }
    }
    table[hole] = 0;
  }

  static long idHash(RequestId id) {
    return Hasher.start().add(id.value()).done();
  }

  /** A print of what {@link SpendEntry#sameEventAs} compares (all but the recording instant). */
  static long eventPrint(SpendEntry e) {
    Hasher h = Hasher.start()
        .add(e.requestId().value())
        .add(e.owner().tenant().value())
        .add(e.owner().team().map(t -> t.value()))
        .add(e.key().value())
        .add(e.model().value())
        .add(e.endUser().map(u -> u.value()))
        .add(e.usage().inputTokens())
        .add(e.usage().cachedInputTokens())
        .add(e.usage().cacheWriteInputTokens())
        .add(e.usage().cacheWrite1hInputTokens())
        .add(e.usage().outputTokens())
        .add(e.usage().reasoningTokens())
        .add(e.source().ordinal())
        .add(e.cost().nanoUsd())
        .add(e.priceEffectiveFrom())
        .add(e.startedAt())
        .add(e.overage() ? 1 : 0)
        .add(e.session().map(s -> s.value()))
        .add(e.tags().values().size());
    for (Tag t : e.tags().values()) {
      h.add(t.value());
    }
    return h.done();
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
    z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
    return z ^ (z >>> 33);
  }

  /** A 64-bit running hash: each value multiplied in, mixed, every string length-prefixed. */
  private static final class Hasher {
    private long h = K1;

    static Hasher start() {
      return new Hasher();
    }

    Hasher add(long v) {
      h = Long.rotateLeft((h ^ v) * K1, 31) * K2;
      return this;
    }

    Hasher add(String s) {
      add(s.length());
      for (int i = 0; i < s.length(); i++) {
        h = Long.rotateLeft((h ^ s.charAt(i)) * K1, 27);
      }
      return add(0x5A5AL);
    }

    Hasher add(Optional<String> s) {
      return s.isPresent() ? add(1).add(s.get()) : add(0);
    }

    Hasher add(Instant t) {
      return add(t.getEpochSecond()).add(t.getNano());
    }

    long done() {
      return mix(h);
    }
  }
}
