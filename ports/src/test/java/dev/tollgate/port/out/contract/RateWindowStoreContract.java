package dev.tollgate.port.out.contract;

import static dev.tollgate.port.out.contract.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.rate.RateKind;
import dev.tollgate.domain.rate.RateLimit;
import dev.tollgate.domain.rate.RateReceipt;
import dev.tollgate.domain.rate.RateUsage;
import dev.tollgate.port.out.RateOutcome;
import dev.tollgate.port.out.RateWindowStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RateWindowStore} promises: at most the limit per window, all-or-nothing across
 * scopes, corrections after the fact, and room again once the window has passed.
 */
public abstract class RateWindowStoreContract {

  /** A store for this test; it may hold other tests' limits, never limits on these scopes. */
  protected abstract RateWindowStore newStore();

  private static final Duration MINUTE = Duration.ofMinutes(1);

  private final Fixtures f = new Fixtures();
  private RateWindowStore store;

  @BeforeEach
  void openStore() {
    store = newStore();
  }

  private Scope limited(RateKind kind, long perMinute) {
    Scope scope = f.tenantScope();
    store.putLimit(RateLimit.perMinute(scope, kind, perMinute));
    return scope;
  }

  private RateOutcome request(Scope scope, Instant now) {
    return store.tryAcquire(List.of(scope), 1, 0, now);
  }

  private long used(Scope scope, RateKind kind, Instant now) {
    return store.usage(scope, kind, now).orElseThrow().used();
  }

  @Test
  void aLimitIsPutReadAndRemoved() {
    Scope scope = f.tenantScope();
    RateLimit limit = RateLimit.perMinute(scope, RateKind.TOKENS, 1000);

    store.putLimit(limit);

    assertThat(store.limitOf(scope, RateKind.TOKENS)).contains(limit);
    assertThat(store.limitOf(scope, RateKind.REQUESTS)).isEmpty();
    assertThat(store.removeLimit(scope, RateKind.TOKENS)).isTrue();
    assertThat(store.limitOf(scope, RateKind.TOKENS)).isEmpty();
    assertThat(store.usage(scope, RateKind.TOKENS, T0)).isEmpty();
    assertThat(store.removeLimit(scope, RateKind.TOKENS)).isFalse();
  }

  @Test
  void scopesWithoutALimitAreAcquiredWithNoReceipts() {
    Scope scope = f.tenantScope();

    RateOutcome outcome = store.tryAcquire(List.of(scope, f.keyScope()), 1, 5000, T0);

    assertThat(outcome).isEqualTo(new RateOutcome.Acquired(List.of()));
    assertThat(store.usage(scope, RateKind.REQUESTS, T0)).isEmpty();
  }

  @Test
  void theLimitIsAdmittedThenRequestsAreLimitedWithARetryTime() {
    Scope scope = limited(RateKind.REQUESTS, 5);

    List<RateOutcome> admitted =
        IntStream.range(0, 5).mapToObj(i -> request(scope, T0)).toList();
    RateOutcome sixth = request(scope, T0);

    assertThat(admitted).allSatisfy(o -> assertThat(o).isInstanceOf(RateOutcome.Acquired.class));
    assertThat(sixth).isInstanceOf(RateOutcome.Limited.class);
    RateOutcome.Limited limited = (RateOutcome.Limited) sixth;
    assertThat(limited.limit()).isEqualTo(RateLimit.perMinute(scope, RateKind.REQUESTS, 5));
    assertThat(limited.decision().retryAfter()).isPositive().isLessThanOrEqualTo(MINUTE);
    assertThat(limited.decision().used()).isEqualTo(5);
    assertThat(limited.decision().limit()).isEqualTo(5);
    assertThat(request(scope, T0.plus(limited.decision().retryAfter())))
        .isInstanceOf(RateOutcome.Acquired.class);
  }

  @Test
  void aReceiptSaysWhatWasCountedWhere() {
    Scope scope = limited(RateKind.REQUESTS, 5);
    store.putLimit(RateLimit.perMinute(scope, RateKind.TOKENS, 1000));

    RateOutcome outcome = store.tryAcquire(List.of(scope), 1, 300, T0);

    assertThat(outcome).isInstanceOf(RateOutcome.Acquired.class);
    List<RateReceipt> receipts = ((RateOutcome.Acquired) outcome).receipts();
    assertThat(receipts)
        .extracting(
            RateReceipt::scope, RateReceipt::kind, RateReceipt::amount,
            RateReceipt::limit, RateReceipt::remaining)
        .containsExactlyInAnyOrder(
            tuple(scope, RateKind.REQUESTS, 1L, 5L, 4L),
            tuple(scope, RateKind.TOKENS, 300L, 1000L, 700L));
    assertThat(receipts)
        .allSatisfy(r -> assertThat(r.resetAfter()).isPositive().isLessThanOrEqualTo(MINUTE));
    RateUsage tokens = store.usage(scope, RateKind.TOKENS, T0).orElseThrow();
    assertThat(tokens.limit()).isEqualTo(RateLimit.perMinute(scope, RateKind.TOKENS, 1000));
    assertThat(tokens.used()).isEqualTo(300);
    assertThat(tokens.remaining()).isEqualTo(700);
    assertThat(tokens.resetAfter()).isPositive().isLessThanOrEqualTo(MINUTE);
  }

  @Test
  void aRefusalOnOneScopeCountsNothingOnAnyOther() {
    Scope roomy = limited(RateKind.REQUESTS, 100);
    Scope tight = limited(RateKind.REQUESTS, 2);
    store.tryAcquire(List.of(roomy, tight), 1, 0, T0);
    store.tryAcquire(List.of(roomy, tight), 1, 0, T0);

    RateOutcome third = store.tryAcquire(List.of(roomy, tight), 1, 0, T0);

    assertThat(third).isInstanceOf(RateOutcome.Limited.class);
    assertThat(((RateOutcome.Limited) third).limit().scope()).isEqualTo(tight);
    assertThat(used(roomy, RateKind.REQUESTS, T0)).isEqualTo(2);
    assertThat(used(tight, RateKind.REQUESTS, T0)).isEqualTo(2);
  }

  @Test
  void aTokenLimitRefusalUndoesTheRequestCount() {
    Scope scope = limited(RateKind.REQUESTS, 100);
    store.putLimit(RateLimit.perMinute(scope, RateKind.TOKENS, 1000));

    RateOutcome tooMany = store.tryAcquire(List.of(scope), 1, 1001, T0);

    assertThat(tooMany).isInstanceOf(RateOutcome.Limited.class);
    assertThat(used(scope, RateKind.REQUESTS, T0)).isZero();
    assertThat(used(scope, RateKind.TOKENS, T0)).isZero();
  }

  @Test
  void tokenEstimatesAreCorrectedUpAndDown() {
    Scope scope = limited(RateKind.TOKENS, 1000);
    RateOutcome.Acquired acquired =
        (RateOutcome.Acquired) store.tryAcquire(List.of(scope), 1, 600, T0);
    RateReceipt receipt = acquired.receipts().getFirst();

    store.adjust(receipt, -400, T0.plusSeconds(1));
    assertThat(used(scope, RateKind.TOKENS, T0.plusSeconds(1))).isEqualTo(200);
    store.adjust(receipt, 300, T0.plusSeconds(2));
    assertThat(used(scope, RateKind.TOKENS, T0.plusSeconds(2))).isEqualTo(500);
    store.adjust(receipt, 800, T0.plusSeconds(3));

    RateUsage over = store.usage(scope, RateKind.TOKENS, T0.plusSeconds(3)).orElseThrow();
    assertThat(over.used()).isEqualTo(1300);
    assertThat(over.remaining()).isZero();
    assertThat(store.tryAcquire(List.of(scope), 1, 1, T0.plusSeconds(3)))
        .isInstanceOf(RateOutcome.Limited.class);
  }

  @Test
  void aPushAddsToEachBucketStillInTheWindowAndReadsTheUsage() {
    Scope scope = limited(RateKind.TOKENS, 1000);
    long early = ((RateOutcome.Acquired) store.tryAcquire(List.of(scope), 1, 100, T0))
        .receipts().getFirst().bucketIndex();
    long late = ((RateOutcome.Acquired) store.tryAcquire(List.of(scope), 1, 100,
        T0.plusSeconds(40))).receipts().getFirst().bucketIndex();

    RateUsage pushed = store.push(scope, RateKind.TOKENS,
        Map.of(early, 50L, late, -30L), T0.plusSeconds(40)).orElseThrow();

    assertThat(pushed.used()).isEqualTo(220);
    assertThat(pushed.remaining()).isEqualTo(780);
    assertThat(used(scope, RateKind.TOKENS, T0.plusSeconds(40))).isEqualTo(220);
    // the early bucket has left the window: what is pushed to it counts nowhere
    RateUsage later = store.push(scope, RateKind.TOKENS,
        Map.of(early, 500L, late, 0L), T0.plusSeconds(80)).orElseThrow();
    assertThat(later.used()).isEqualTo(70);
    assertThat(store.push(f.tenantScope(), RateKind.TOKENS, Map.of(1L, 5L), T0))
        .as("a scope without a limit").isEmpty();
  }

  @Test
  void theWindowHasRoomAgainOnceItHasPassed() {
    Scope scope = limited(RateKind.REQUESTS, 3);
    for (int i = 0; i < 3; i++) {
      request(scope, T0);
    }

    assertThat(request(scope, T0.plusSeconds(59))).isInstanceOf(RateOutcome.Limited.class);
    assertThat(request(scope, T0.plus(MINUTE))).isInstanceOf(RateOutcome.Acquired.class);
    assertThat(used(scope, RateKind.REQUESTS, T0.plus(MINUTE))).isEqualTo(1);
  }

  @Test
  void changingTheLimitKeepsTheCounts() {
    Scope scope = limited(RateKind.REQUESTS, 10);
    for (int i = 0; i < 5; i++) {
      request(scope, T0);
    }

    store.putLimit(RateLimit.perMinute(scope, RateKind.REQUESTS, 5));

    assertThat(used(scope, RateKind.REQUESTS, T0)).isEqualTo(5);
    assertThat(request(scope, T0)).isInstanceOf(RateOutcome.Limited.class);
    store.putLimit(RateLimit.perMinute(scope, RateKind.REQUESTS, 6));
    assertThat(request(scope, T0)).isInstanceOf(RateOutcome.Acquired.class);
  }

  @RepeatedTest(5) // a race shows up by chance: a few fresh rounds make a miss unlikely
  void concurrentRequestsAdmitExactlyTheLimitWithinOneWindow() {
    int limit = 500;
    int perThread = 100; // 16 x 100 = 1,600 asks against room for 500
    Scope tenant = limited(RateKind.REQUESTS, limit);
    // Each thread also counts on a roomy scope of its own: a refusal must count nothing there.
    List<Scope> own =
        IntStream.range(0, Parallel.THREADS)
            .mapToObj(t -> limited(RateKind.REQUESTS, 10_000))
            .toList();
    Instant end = T0.plusSeconds(30);

    List<Integer> admitted =
        Parallel.run(
            Parallel.THREADS,
            thread -> {
              int count = 0;
              for (int i = 0; i < perThread; i++) {
                Instant now = T0.plusMillis((i * 997L + thread * 31L) % 30_000);
                List<Scope> scopes = List.of(own.get(thread), tenant);
                if (store.tryAcquire(scopes, 1, 0, now) instanceof RateOutcome.Acquired) {
                  count++;
                }
              }
              return count;
            });

    assertThat(admitted.stream().mapToInt(Integer::intValue).sum()).isEqualTo(limit);
    assertThat(used(tenant, RateKind.REQUESTS, end)).isEqualTo(limit);
    for (int t = 0; t < Parallel.THREADS; t++) {
      assertThat(used(own.get(t), RateKind.REQUESTS, end)).isEqualTo(admitted.get(t).longValue());
    }
  }
}
