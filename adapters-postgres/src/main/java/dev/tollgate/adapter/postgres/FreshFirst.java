package dev.tollgate.adapter.postgres;

import java.util.List;
import java.util.function.Supplier;

/**
 * A batch's claims by request id (the ledger's ids, the postings' settlements) tried first as all
 * new: plain inserts, without the speculative insertion of {@code ON CONFLICT DO NOTHING} and what
 * it costs per row. A claimed id fails the attempt with a unique violation, at its first row; a
 * savepoint undoes the attempt and the {@code ON CONFLICT} statement runs in its place
 * ({@link Tx#attemptOr}). Only a journal replaying from its checkpoint sends claimed ids, and then
 * for a few batches in a row: after a batch that held one, the next goes to the {@code ON
 * CONFLICT} statement at once, and after one that held none, back to the attempt. Shared by a
 * store's concurrent batches as a hint: a stale read only picks the other statement once.
 */
final class FreshFirst {

  /** SQLSTATE of a duplicate key: an id in the batch is claimed already. */
  private static final String UNIQUE_VIOLATION = "23505";

  /** What runs an attempt under a savepoint: {@link Tx#attemptOr}. */
  interface Savepoints {
    <T> T attemptOr(String state, Supplier<T> attempt, Supplier<T> otherwise);
  }

  private volatile boolean claimedSeen;

  /**
   * The ids claimed, of {@code ids} (all of them when {@code fresh} succeeds, which claims them
   * all and fails otherwise; else {@code claimNew}'s answer).
   */
  List<String> claim(Savepoints tx, List<String> ids, Runnable fresh,
      Supplier<List<String>> claimNew) {
    List<String> claimed = claimedSeen
        ? claimNew.get()
        : tx.attemptOr(UNIQUE_VIOLATION, () -> {
          fresh.run();
          return ids;
        }, claimNew);
    claimedSeen = claimed.size() != ids.size();
    return claimed;
  }
}
