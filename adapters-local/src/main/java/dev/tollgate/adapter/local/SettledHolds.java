package dev.tollgate.adapter.local;

import dev.tollgate.domain.budget.HoldId;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.budget.SettleResult;
import dev.tollgate.domain.budget.Settlement;
import dev.tollgate.domain.money.Money;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The settlements a lease book remembers, so that a repeat answers the first: the newest
 * {@code capacity} of them, in primitive arrays that grow by doubling up to the capacity and then
 * never move again. The book used to keep a linked hash map of hold ids to settlement objects;
 * at 8,000 requests/s each of its 100,000 entries (the entry, the hold id, its id string, the
 * remembered amounts) lived about 12 s, and those ~18 MB were what the collector's young pauses
 * copied (docs/benchmarks.md).
 *
 * <p>Each slot keeps its hold id in place (a Latin-1 id of up to {@link #ID_WIDTH} characters,
 * which Tollgate's own {@code req:req_<26 base-32 digits>} always is) or, for any other id, as its
 * string. A lookup compares the whole id: a hash only finds the candidates, so no two holds can
 * ever be taken for one. Nearly every settlement has the same amounts on every scope it was held
 * on (all but the soft-limit crossing, which is per scope): such a one is kept as four numbers, a
 * flag and its scopes (one shared array per set of scopes), and made into an equal
 * {@link Settlement} again only for a repeat. Any other settlement is kept as it is.
 *
 * <p>A ring of slots in settlement order, the oldest overwritten first, indexed by an
 * open-addressing table (linear probing, deletion by backward shift), as the journal's recent
 * events are. Not thread-safe: the book calls it under its lock.
 */
final class SettledHolds {

  /** The longest Latin-1 id kept in place; a longer one is kept as its string. */
  static final int ID_WIDTH = 48;
  private static final int FIRST_SLOTS = 1_024;
  private static final int MOST_SHARED_SCOPE_SETS = 4_096;
  private static final long K1 = 0x9E3779B97F4A7C15L;
  private static final long K2 = 0xC2B2AE3D27D4EB4FL;
  private static final Settlement NONE = new Settlement(List.of());

  private final int capacity;
  private final long seed; // ids hash apart per book
  private final Map<List<Scope>, Scope[]> scopeSets = new HashMap<>();
  private int slots;
  private int[] hashes;
  private byte[] idBytes; // slot * ID_WIDTH
  private byte[] idLengths; // in place: the length; -1: the id is in longIds
  private Object[] longIds;
  private Object[] shapes; // NONE, a Settlement kept as it is, a Scope, or a shared Scope[]
  private long[] posted;
  private long[] released;
  private long[] overage;
  private long[] crossed; // bit i: scope i crossed its soft limit
  private boolean[] missing;
  private long[] table; // a slot's hash << 32 | slot + 1, 0 = empty: a probe reads no other array
  private int mask;
  private int size;
  private int next; // the ring's next slot (the oldest once full)
  private String lastId; // the id hashed last and its hash: a settlement asks about its hold
  private int lastHash; // three times in a row (knows, get, put), with the same string

  SettledHolds(int capacity) {
    this(capacity, ThreadLocalRandom.current().nextLong());
  }

  SettledHolds(int capacity, long seed) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must not be negative");
    }
    this.capacity = capacity;
    this.seed = seed;
    allocate(Math.min(capacity, FIRST_SLOTS));
  }

  int size() {
    return size;
  }

  boolean contains(HoldId hold) {
    return find(hold.value(), hashOf(hold.value())) >= 0;
  }

  /** The settlement remembered for {@code hold}, equal to the one put, or null. */
  Settlement get(HoldId hold) {
    int slot = find(hold.value(), hashOf(hold.value()));
    return slot < 0 ? null : settlement(slot);
  }

  /**
   * Remembers {@code settlement} for {@code hold}, forgetting the oldest when full. A hold already
   * remembered keeps its place and takes the new settlement.
   */
  void put(HoldId hold, Settlement settlement) {
    if (capacity == 0) {
      return;
    }
    String id = hold.value();
    int hash = hashOf(id);
    int slot = find(id, hash);
    if (slot >= 0) {
      keep(slot, settlement);
      return;
    }
    if (size == slots && slots < capacity) {
      grow(Math.min(capacity, slots * 2));
    }
    if (size == slots) {
      remove(next);
    } else {
      size++;
    }
    slot = next;
    hashes[slot] = hash;
    keepId(slot, id);
    keep(slot, settlement);
    index(hash, slot);
    next = next + 1 == slots ? 0 : next + 1;
  }

  private void keepId(int slot, String id) {
    int n = id.length();
    if (n <= ID_WIDTH) {
      int at = slot * ID_WIDTH;
      int i = 0;
      while (i < n && id.charAt(i) <= 0xFF) {
        idBytes[at + i] = (byte) id.charAt(i);
        i++;
      }
      if (i == n) {
        idLengths[slot] = (byte) n;
        longIds[slot] = null;
        return;
      }
    }
    idLengths[slot] = -1;
    longIds[slot] = id;
  }

  private boolean idIs(int slot, String id) {
    int n = idLengths[slot];
    if (n < 0) {
      return id.equals(longIds[slot]);
    }
    if (n != id.length()) {
      return false;
    }
    int at = slot * ID_WIDTH;
    for (int i = 0; i < n; i++) {
      if ((idBytes[at + i] & 0xFF) != id.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** Keeps the settlement's amounts and scopes in the slot (compact when it fits). */
  private void keep(int slot, Settlement s) {
    List<Settlement.ScopeResult> results = s.results();
    if (results.isEmpty()) {
      shapes[slot] = NONE;
      return;
    }
    if (results.size() > Long.SIZE) {
      shapes[slot] = s;
      return;
    }
    SettleResult first = results.get(0).result();
    long crossedBits = 0;
    for (int i = 0; i < results.size(); i++) {
      SettleResult r = results.get(i).result();
      if (!r.posted().equals(first.posted()) || !r.released().equals(first.released())
          || !r.overage().equals(first.overage()) || r.holdWasMissing() != first.holdWasMissing()) {
        shapes[slot] = s;
        return;
      }
      crossedBits |= r.crossedSoftLimit() ? 1L << i : 0;
    }
    shapes[slot] = results.size() == 1 ? results.get(0).scope() : sharedScopes(results);
    posted[slot] = first.posted().nanoUsd();
    released[slot] = first.released().nanoUsd();
    overage[slot] = first.overage().nanoUsd();
    missing[slot] = first.holdWasMissing();
    crossed[slot] = crossedBits;
  }

  /** One array per set of scopes, so a slot holds no object of its own. */
  private Scope[] sharedScopes(List<Settlement.ScopeResult> results) {
    List<Scope> scopes = new ArrayList<>(results.size());
    results.forEach(r -> scopes.add(r.scope()));
    Scope[] shared = scopeSets.get(scopes);
    if (shared == null) {
      if (scopeSets.size() >= MOST_SHARED_SCOPE_SETS) {
        scopeSets.clear(); // slots keep their arrays; later ones share anew
      }
      shared = scopes.toArray(Scope[]::new);
      scopeSets.put(List.of(shared), shared);
    }
    return shared;
  }

  private Settlement settlement(int slot) {
    Object shape = shapes[slot];
    if (shape instanceof Settlement kept) {
      return kept;
    }
    Scope[] all = shape instanceof Scope one ? new Scope[] {one} : (Scope[]) shape;
    List<Settlement.ScopeResult> results = new ArrayList<>(all.length);
    for (int i = 0; i < all.length; i++) {
      results.add(new Settlement.ScopeResult(all[i], new SettleResult(
          Money.ofNanoUsd(posted[slot]), Money.ofNanoUsd(released[slot]),
          Money.ofNanoUsd(overage[slot]), missing[slot], (crossed[slot] & 1L << i) != 0)));
    }
    return new Settlement(results);
  }

  private int find(String id, int hash) {
    if (size == 0) {
      return -1;
    }
    int i = hash & mask;
    for (long e = table[i]; e != 0; e = table[i]) {
      if ((int) (e >>> 32) == hash && idIs((int) e - 1, id)) {
        return (int) e - 1;
      }
      i = (i + 1) & mask;
    }
    return -1;
  }

  /** Enters a slot in the table, at the first free place from its hash's home. */
  private void index(int hash, int slot) {
    int i = hash & mask;
    while (table[i] != 0) {
      i = (i + 1) & mask;
    }
    table[i] = entry(hash, slot);
  }

  /** Removes a slot's table entry and shifts later entries of its run back (no tombstones). */
  private void remove(int slot) {
    long entry = entry(hashes[slot], slot);
    int i = hashes[slot] & mask;
    while (table[i] != entry) {
      i = (i + 1) & mask;
    }
    int hole = i;
    int j = hole;
    while (true) {
      j = (j + 1) & mask;
      if (table[j] == 0) {
        break;
      }
      int home = (int) (table[j] >>> 32) & mask;
      // j's entry may fill the hole when its home is not cyclically in (hole, j]
      boolean stays = hole <= j ? hole < home && home <= j : hole < home || home <= j;
      if (!stays) {
        table[hole] = table[j];
        hole = j;
      }
    }
    table[hole] = 0;
    shapes[slot] = null;
    longIds[slot] = null;
  }

  /** Full and below the capacity: the slots, oldest first, move to arrays of {@code to} slots. */
  private void grow(int to) {
    int from = slots;
    int[] oldHashes = hashes;
    byte[] oldIdBytes = idBytes;
    byte[] oldIdLengths = idLengths;
    Object[] oldLongIds = longIds;
    Object[] oldShapes = shapes;
    long[] oldPosted = posted;
    long[] oldReleased = released;
    long[] oldOverage = overage;
    long[] oldCrossed = crossed;
    boolean[] oldMissing = missing;
    allocate(to);
    for (int k = 0; k < size; k++) {
      int o = (next + k) % from;
      hashes[k] = oldHashes[o];
      System.arraycopy(oldIdBytes, o * ID_WIDTH, idBytes, k * ID_WIDTH, ID_WIDTH);
      idLengths[k] = oldIdLengths[o];
      longIds[k] = oldLongIds[o];
      shapes[k] = oldShapes[o];
      posted[k] = oldPosted[o];
      released[k] = oldReleased[o];
      overage[k] = oldOverage[o];
      crossed[k] = oldCrossed[o];
      missing[k] = oldMissing[o];
      index(hashes[k], k);
    }
    next = size;
  }

  private void allocate(int n) {
    slots = n;
    hashes = new int[n];
    idBytes = new byte[n * ID_WIDTH];
    idLengths = new byte[n];
    longIds = new Object[n];
    shapes = new Object[n];
    posted = new long[n];
    released = new long[n];
    overage = new long[n];
    crossed = new long[n];
    missing = new boolean[n];
    table = new long[n == 0 ? 0 : Integer.highestOneBit(Math.max(2, n * 2 - 1)) << 1];
    mask = table.length - 1;
  }

  private static long entry(int hash, int slot) {
    return (long) hash << 32 | (slot + 1);
  }

  /** {@link #hash} under this book's seed, remembered for the same string. */
  private int hashOf(String id) {
    if (id != lastId) {
      lastHash = hash(seed, id);
      lastId = id;
    }
    return lastHash;
  }

  /** A 32-bit hash of the id's characters under a book's seed. */
  static int hash(long seed, String id) {
    long h = seed ^ id.length();
    for (int i = 0; i < id.length(); i++) {
      h = Long.rotateLeft((h ^ id.charAt(i)) * K1, 27);
    }
    h = (h ^ (h >>> 33)) * K2;
    return (int) (h ^ (h >>> 29));
  }
}
