package dev.tollgate.port.out.contract;

import static dev.tollgate.port.out.contract.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.rate.ParallelLimit;
import dev.tollgate.port.out.SlotOutcome;
import dev.tollgate.port.out.SlotStore;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SlotStore} promises: at most the limit in flight, one slot per holder, slots
 * that lapse at their expiry, and all-or-nothing across scopes.
 */
public abstract class SlotStoreContract {

  /** A store for this test; it may hold other tests' limits, never limits on these scopes. */
  protected abstract SlotStore newStore();

  private static final Instant EXPIRY = T0.plusSeconds(300);

  private final Fixtures f = new Fixtures();
  private SlotStore store;

  @BeforeEach
  void openStore() {
    store = newStore();
  }

  private Scope limited(int maxInFlight) {
    Scope scope = f.tenantScope();
    store.putLimit(new ParallelLimit(scope, maxInFlight));
    return scope;
  }

  private SlotOutcome take(List<Scope> scopes, String holder) {
    return store.tryAcquire(scopes, holder, EXPIRY, T0);
  }

  @Test
  void aLimitIsPutReadAndRemoved() {
    Scope scope = f.tenantScope();
    ParallelLimit limit = new ParallelLimit(scope, 3);

    store.putLimit(limit);

    assertThat(store.limitOf(scope)).contains(limit);
    assertThat(store.removeLimit(scope)).isTrue();
    assertThat(store.limitOf(scope)).isEmpty();
    assertThat(store.removeLimit(scope)).isFalse();
  }

  @Test
  void scopesWithoutALimitAreAcquiredWithoutTakingASlot() {
    Scope free = f.tenantScope();
    Scope limited = limited(1);

    SlotOutcome outcome = take(List.of(free, limited), f.holder());

    assertThat(outcome).isEqualTo(new SlotOutcome.Acquired(List.of(limited)));
    assertThat(store.inUse(free, T0)).isZero();
    assertThat(take(List.of(free), f.holder())).isEqualTo(new SlotOutcome.Acquired(List.of()));
  }

  @Test
  void theLimitIsTakenThenTheScopeIsBusy() {
    Scope scope = limited(2);

    SlotOutcome first = take(List.of(scope), f.holder());
    SlotOutcome second = take(List.of(scope), f.holder());
    SlotOutcome third = take(List.of(scope), f.holder());

    assertThat(first).isEqualTo(new SlotOutcome.Acquired(List.of(scope)));
    assertThat(second).isEqualTo(new SlotOutcome.Acquired(List.of(scope)));
    assertThat(third).isEqualTo(new SlotOutcome.Busy(new ParallelLimit(scope, 2)));
    assertThat(store.inUse(scope, T0)).isEqualTo(2);
  }

  @Test
  void aHolderTakingItsSlotAgainStillHoldsOne() {
    Scope scope = limited(2);
    String holder = f.holder();
    take(List.of(scope), holder);

    SlotOutcome again = take(List.of(scope), holder);

    assertThat(again).isEqualTo(new SlotOutcome.Acquired(List.of(scope)));
    assertThat(store.inUse(scope, T0)).isEqualTo(1);
    assertThat(take(List.of(scope), f.holder())).isInstanceOf(SlotOutcome.Acquired.class);
  }

  @Test
  void releasingGivesTheSlotBack() {
    Scope scope = limited(1);
    String holder = f.holder();
    take(List.of(scope), holder);

    store.release(List.of(scope), holder);
    store.release(List.of(scope), holder);
    store.release(List.of(scope, f.tenantScope()), f.holder());

    assertThat(store.inUse(scope, T0)).isZero();
    assertThat(take(List.of(scope), f.holder())).isInstanceOf(SlotOutcome.Acquired.class);
  }

  @Test
  void aSlotLapsesAtItsExpiry() {
    Scope scope = limited(1);
    store.tryAcquire(List.of(scope), f.holder(), T0.plusSeconds(30), T0);

    assertThat(store.inUse(scope, T0.plusSeconds(29))).isEqualTo(1);
    assertThat(store.tryAcquire(List.of(scope), f.holder(), EXPIRY, T0.plusSeconds(29)))
        .isInstanceOf(SlotOutcome.Busy.class);
    assertThat(store.inUse(scope, T0.plusSeconds(30))).isZero();
    assertThat(store.tryAcquire(List.of(scope), f.holder(), EXPIRY, T0.plusSeconds(30)))
        .isInstanceOf(SlotOutcome.Acquired.class);
  }

  @Test
  void aLapsedSlotIsTakenByTheNextHolderWithoutAnythingReadingTheCountFirst() {
    Scope scope = limited(2);
    store.tryAcquire(List.of(scope), f.holder(), T0.plusSeconds(30), T0);
    store.tryAcquire(List.of(scope), f.holder(), T0.plusSeconds(60), T0);

    assertThat(store.tryAcquire(List.of(scope), f.holder(), EXPIRY, T0.plusSeconds(30)))
        .isInstanceOf(SlotOutcome.Acquired.class);
    assertThat(store.tryAcquire(List.of(scope), f.holder(), EXPIRY, T0.plusSeconds(30)))
        .isInstanceOf(SlotOutcome.Busy.class);
  }

  @Test
  void aBusyScopeTakesNoSlotOnAnyOther() {
    Scope roomy = limited(5);
    Scope tight = limited(1);
    take(List.of(tight), f.holder());

    SlotOutcome outcome = take(List.of(roomy, tight), f.holder());

    assertThat(outcome).isEqualTo(new SlotOutcome.Busy(new ParallelLimit(tight, 1)));
    assertThat(store.inUse(roomy, T0)).isZero();
  }

  @Test
  void aBusyScopeKeepsTheSlotsTheHolderAlreadyHad() {
    Scope roomy = limited(5);
    Scope tight = limited(1);
    String holder = f.holder();
    take(List.of(roomy), holder);
    take(List.of(tight), f.holder());

    SlotOutcome outcome = take(List.of(roomy, tight), holder);

    assertThat(outcome).isInstanceOf(SlotOutcome.Busy.class);
    assertThat(store.inUse(roomy, T0)).isEqualTo(1);
  }

  @Test
  void aMirrorTakesInOrderWhileThereIsRoomAndReadsTheCount() {
    Scope scope = limited(3);
    take(List.of(scope), f.holder());
    String a = f.holder();
    String b = f.holder();

    SlotStore.Mirrored done = store.mirror(scope, List.of(), List.of(a, b, f.holder()), EXPIRY, T0);

    assertThat(done).isEqualTo(new SlotStore.Mirrored(2, 3));
    assertThat(take(List.of(scope), f.holder())).isInstanceOf(SlotOutcome.Busy.class);
    store.release(List.of(scope), b);
    assertThat(store.inUse(scope, T0)).as("b held one of them").isEqualTo(2);
  }

  @Test
  void aMirrorGivesBackBeforeItTakes() {
    Scope scope = limited(2);
    String a = f.holder();
    String b = f.holder();
    store.mirror(scope, List.of(), List.of(a, b), EXPIRY, T0);

    SlotStore.Mirrored renewed =
        store.mirror(scope, List.of(a, b), List.of(f.holder(), f.holder()), EXPIRY, T0);

    assertThat(renewed).isEqualTo(new SlotStore.Mirrored(2, 2));
    store.release(List.of(scope), a);
    assertThat(store.inUse(scope, T0)).as("a's slot went back in the mirror").isEqualTo(2);
  }

  @Test
  void aMirrorCountsOnlyLiveSlotsAndGivesBackUnknownHoldersQuietly() {
    Scope scope = limited(2);
    store.tryAcquire(List.of(scope), f.holder(), T0.plusSeconds(30), T0);

    SlotStore.Mirrored done = store.mirror(scope, List.of(f.holder()),
        List.of(f.holder(), f.holder(), f.holder()), EXPIRY, T0.plusSeconds(30));

    assertThat(done).isEqualTo(new SlotStore.Mirrored(2, 2));
    assertThat(store.mirror(scope, List.of(), List.of(), EXPIRY, T0.plusSeconds(31)))
        .isEqualTo(new SlotStore.Mirrored(0, 2));
  }

  @Test
  void aMirrorOnAScopeWithoutALimitTakesEveryHolderAndHoldsNothing() {
    Scope free = f.tenantScope();

    assertThat(store.mirror(free, List.of(), List.of(f.holder(), f.holder()), EXPIRY, T0))
        .isEqualTo(new SlotStore.Mirrored(2, 0));
  }

  @RepeatedTest(5) // a race shows up by chance: a few fresh rounds make a miss unlikely
  void concurrentHoldersTakeExactlyTheLimit() {
    int limit = 200;
    int perThread = 50; // 16 x 50 = 800 holders against room for 200
    Scope tenant = limited(limit);
    Scope key = limited(10_000);

    List<Integer> acquired =
        Parallel.run(
            Parallel.THREADS,
            thread -> {
              int count = 0;
              for (int i = 0; i < perThread; i++) {
                if (take(List.of(key, tenant), f.holder()) instanceof SlotOutcome.Acquired) {
                  count++;
                }
              }
              return count;
            });

    assertThat(acquired.stream().mapToInt(Integer::intValue).sum()).isEqualTo(limit);
    assertThat(store.inUse(tenant, T0)).isEqualTo(limit);
    assertThat(store.inUse(key, T0)).as("refused takes left nothing behind").isEqualTo(limit);
  }
}
