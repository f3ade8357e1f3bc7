package dev.tollgate.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Which statement a batch's claims go to: the plain inserts first, the {@code ON CONFLICT}
 * statement after one of them failed on a claimed id, at once for the batch after one that held
 * a claimed id, and the plain inserts again after one that held none. The statements themselves
 * run against PostgreSQL in the ledger's and the budget store's contracts.
 */
class FreshFirstTest {

  /** A savepoint that records what ran; the attempt fails when the batch holds a claimed id. */
  private static final class Recorder implements FreshFirst.Savepoints {
    final List<String> ran = new ArrayList<>();
    boolean claimedInBatch;

    @Override
    public <T> T attemptOr(String state, Supplier<T> attempt, Supplier<T> otherwise) {
      assertThat(state).isEqualTo("23505");
      if (claimedInBatch) {
        ran.add("attempt failed");
        return otherwise.get();
      }
      return attempt.get();
    }

    List<String> batch(FreshFirst claims, boolean holdsAClaimedId) {
      claimedInBatch = holdsAClaimedId;
      List<String> ids = List.of("a", "b", "c");
      return claims.claim(this, ids, () -> ran.add("plain"), () -> {
        ran.add("on conflict");
        return holdsAClaimedId ? List.of("b", "c") : ids;
      });
    }
  }

  @Test
  void aFreshBatchIsClaimedByThePlainInsertsAlone() {
    Recorder tx = new Recorder();
    FreshFirst claims = new FreshFirst();

    assertThat(tx.batch(claims, false)).containsExactly("a", "b", "c");
    assertThat(tx.batch(claims, false)).containsExactly("a", "b", "c");

    assertThat(tx.ran).containsExactly("plain", "plain");
  }

  @Test
  void aReplayGoesToOnConflictUntilABatchHoldsNoClaimedId() {
    Recorder tx = new Recorder();
    FreshFirst claims = new FreshFirst();

    assertThat(tx.batch(claims, true)).containsExactly("b", "c"); // the attempt fails first
    assertThat(tx.batch(claims, true)).containsExactly("b", "c"); // straight to ON CONFLICT
    assertThat(tx.batch(claims, false)).containsExactly("a", "b", "c"); // still ON CONFLICT
    assertThat(tx.batch(claims, false)).containsExactly("a", "b", "c"); // plain again

    assertThat(tx.ran).containsExactly("attempt failed", "on conflict", "on conflict",
        "on conflict", "plain");
  }
}
