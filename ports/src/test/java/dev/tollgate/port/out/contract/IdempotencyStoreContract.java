package dev.tollgate.port.out.contract;

import static dev.tollgate.port.out.contract.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.port.out.IdempotencyRecord;
import dev.tollgate.port.out.IdempotencyStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * What every {@link IdempotencyStore} promises: one claim per scope and key, even under
 * contention; completing and releasing; expiry by creation time.
 */
public abstract class IdempotencyStoreContract {

  /** A store for this test; it may hold other tests' records, never ones in these scopes. */
  protected abstract IdempotencyStore newStore();

  /** Before every other test's records: only the expiry test creates records this old. */
  private static final Instant LONG_AGO = Instant.parse("2001-01-01T00:00:00Z");

  private final Fixtures f = new Fixtures();
  private IdempotencyStore store;

  @BeforeEach
  void openStore() {
    store = newStore();
  }

  private IdempotencyRecord pending(String scope, String key, String fingerprint, Instant at) {
    return new IdempotencyRecord(scope, key, fingerprint, Optional.empty(), at);
  }

  @Test
  void theFirstClaimWinsAndLaterClaimsAnswerItsRecord() {
    String scope = f.unique("actor");
    IdempotencyRecord first = pending(scope, "create-1", "sha256:aaa", T0);

    assertThat(store.claim(first)).isEmpty();
    assertThat(store.claim(pending(scope, "create-1", "sha256:bbb", T0.plusSeconds(1))))
        .contains(first);
  }

  @Test
  void aCompletedClaimAnswersItsResult() {
    String scope = f.unique("actor");
    IdempotencyRecord claimed = pending(scope, "k", "fp", T0);
    store.claim(claimed);

    store.complete(scope, "k", "tenant-42");

    assertThat(store.claim(pending(scope, "k", "fp", T0.plusSeconds(5))))
        .contains(new IdempotencyRecord(scope, "k", "fp", Optional.of("tenant-42"), T0));
  }

  @Test
  void scopesNeverShareAKey() {
    String a = f.unique("actor");
    String b = f.unique("actor");

    assertThat(store.claim(pending(a, "same-key", "fp-a", T0))).isEmpty();
    assertThat(store.claim(pending(b, "same-key", "fp-b", T0))).isEmpty();
    store.complete(a, "same-key", "made-by-a");

    assertThat(store.claim(pending(b, "same-key", "fp-b", T0)).orElseThrow().resultId()).isEmpty();
  }

  @Test
  void aReleasedClaimMayBeClaimedAgain() {
    String scope = f.unique("actor");
    store.claim(pending(scope, "k", "fp", T0));

    store.release(scope, "k");

    IdempotencyRecord retry = pending(scope, "k", "fp-retry", T0.plusSeconds(1));
    assertThat(store.claim(retry)).isEmpty();
    assertThat(store.claim(pending(scope, "k", "fp", T0))).contains(retry);
  }

  @Test
  void releasingACompletedRecordKeepsIt() {
    String scope = f.unique("actor");
    store.claim(pending(scope, "k", "fp", T0));
    store.complete(scope, "k", "key-7");

    store.release(scope, "k");

    assertThat(store.claim(pending(scope, "k", "other", T0)).orElseThrow().resultId())
        .contains("key-7");
  }

  @Test
  void completingOrReleasingAnUnknownKeyChangesNothing() {
    String scope = f.unique("actor");

    store.complete(scope, "never-claimed", "x");
    store.release(scope, "never-claimed");

    IdempotencyRecord fresh = pending(scope, "never-claimed", "fp", T0);
    assertThat(store.claim(fresh)).isEmpty();
    assertThat(store.claim(fresh)).contains(fresh);
  }

  @Test
  void keysOfTheMaximumLengthAreKept() {
    String scope = f.unique("actor");
    String longest = "k".repeat(IdempotencyRecord.MAX_KEY_LENGTH - 1) + "é";
    IdempotencyRecord record = pending(scope, longest, "fp", T0);

    assertThat(store.claim(record)).isEmpty();
    assertThat(store.claim(record)).contains(record);
  }

  @Test
  void expiryForgetsRecordsCreatedBeforeTheCutoff() {
    String scope = f.unique("actor");
    Instant cutoff = LONG_AGO.plusSeconds(3600);
    IdempotencyRecord old = pending(scope, "old", "fp", LONG_AGO);
    IdempotencyRecord oldDone = pending(scope, "old-done", "fp", LONG_AGO.plusSeconds(60));
    IdempotencyRecord atCutoff = pending(scope, "at-cutoff", "fp", cutoff);
    store.claim(old);
    store.claim(oldDone);
    store.complete(scope, "old-done", "r1");
    store.claim(atCutoff);

    assertThat(store.expire(cutoff)).isEqualTo(2);

    assertThat(store.claim(pending(scope, "old", "fp2", T0))).isEmpty();
    assertThat(store.claim(pending(scope, "old-done", "fp2", T0))).isEmpty();
    assertThat(store.claim(pending(scope, "at-cutoff", "fp2", T0))).contains(atCutoff);
    assertThat(store.expire(cutoff)).isZero();
  }

  @RepeatedTest(5) // a race shows up by chance: a few fresh rounds make a miss unlikely
  void concurrentClaimsOfOneKeyHaveExactlyOneWinner() {
    String scope = f.unique("actor");
    String key = f.unique("idem");

    List<Optional<IdempotencyRecord>> answers =
        Parallel.run(Parallel.THREADS,
            thread -> store.claim(pending(scope, key, "fp-" + thread, T0)));

    List<Integer> winners = new java.util.ArrayList<>();
    for (int i = 0; i < answers.size(); i++) {
      if (answers.get(i).isEmpty()) {
        winners.add(i);
      }
    }
    assertThat(winners).hasSize(1);
    String winning = "fp-" + winners.getFirst();
    assertThat(answers)
        .filteredOn(Optional::isPresent)
        .hasSize(Parallel.THREADS - 1)
        .allSatisfy(a -> assertThat(a.orElseThrow().fingerprint()).isEqualTo(winning));
  }
}
