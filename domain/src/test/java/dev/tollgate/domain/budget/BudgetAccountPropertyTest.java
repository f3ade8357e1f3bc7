package dev.tollgate.domain.budget;

import static dev.tollgate.domain.Theories.theory;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.tollgate.domain.money.Money;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Random interleavings of hold, settle, release and expire on one account, replayed against a
 * plain model of the live holds kept by this test (holds are swept only when the account says it
 * sweeps: on {@code hold} and {@code expire}).
 */
class BudgetAccountPropertyTest {

  private static final Instant START = Instant.parse("2025-03-10T00:00:00Z");

  sealed interface Op {}

  record Hold(int id, long amountNanos, long ttlSeconds) implements Op {}

  /** Settles permille/1000 of the live hold, plus {@code extraNanos} when overage is allowed. */
  record Settle(int id, int permille, long extraNanos) implements Op {}

  record Release(int id) implements Op {}

  record Expire() implements Op {}

  record Step(long advanceSeconds, Op op) {}

  private record LiveHold(long amount, Instant expiresAt) {}

  @Test
  void posted_plus_held_stays_within_the_limit_when_costs_stay_within_holds() {
    theory()
        .forAll(longs().between(0, 1_000), steps())
        .checkAssert(
            (limitNanos, steps) -> {
              Replay replay = new Replay(limitNanos, false);
              for (Step step : steps) {
                replay.apply(step);
                assertThat(replay.account.posted().plus(replay.account.held()).nanoUsd())
                    .isLessThanOrEqualTo(limitNanos);
                replay.assertHeldIsTheSumOfLiveHolds();
              }
            });
  }

  @Test
  void posted_plus_held_exceeds_the_limit_by_no_more_than_the_reported_overage() {
    theory()
        .forAll(longs().between(0, 1_000), steps())
        .checkAssert(
            (limitNanos, steps) -> {
              Replay replay = new Replay(limitNanos, true);
              for (Step step : steps) {
                replay.apply(step);
                assertThat(replay.account.posted().plus(replay.account.held()).nanoUsd())
                    .isLessThanOrEqualTo(limitNanos + replay.totalOverage);
                replay.assertHeldIsTheSumOfLiveHolds();
              }
            });
  }

  private static final class Replay {
    final BudgetAccount account;
    final long limit;
    final boolean overageAllowed;
    final Map<HoldId, LiveHold> live = new HashMap<>();
    Instant now = START;
    long posted;
    long totalOverage;

    Replay(long limitNanos, boolean overageAllowed) {
      this.limit = limitNanos;
      this.overageAllowed = overageAllowed;
      this.account =
          new BudgetAccount(
              Money.ofNanoUsd(limitNanos), Optional.empty(), BudgetPeriod.daily().windowAt(START));
    }

    void apply(Step step) {
      now = now.plusSeconds(step.advanceSeconds());
      switch (step.op()) {
        case Hold h -> hold(h);
        case Settle s -> settle(s);
        case Release r ->
            assertThat(account.release(id(r.id()))).isEqualTo(live.remove(id(r.id())) != null);
        case Expire e -> assertThat(account.expire(now)).isEqualTo(sweep());
      }
    }

    private void hold(Hold h) {
      sweep();
      HoldId id = id(h.id());
      Money amount = Money.ofNanoUsd(h.amountNanos());
      HoldResult result = account.hold(id, amount, now.plusSeconds(h.ttlSeconds()), now);
      LiveHold existing = live.get(id);
      long available = limit - posted - heldInModel();
      if (existing != null) {
        assertThat(result)
            .isEqualTo(
                existing.amount() == h.amountNanos()
                    ? new HoldResult.AlreadyHeld(amount)
                    : new HoldResult.HeldWithDifferentAmount(Money.ofNanoUsd(existing.amount())));
      } else if (h.amountNanos() > available) {
        assertThat(result)
            .isEqualTo(new HoldResult.Insufficient(Money.ofNanoUsd(Math.max(0, available))));
      } else {
        assertThat(result).isEqualTo(new HoldResult.Placed(amount));
        live.put(id, new LiveHold(h.amountNanos(), now.plusSeconds(h.ttlSeconds())));
      }
    }

    private void settle(Settle s) {
      HoldId id = id(s.id());
      LiveHold hold = live.remove(id);
      long holdAmount = hold == null ? 0 : hold.amount();
      long actual = holdAmount * s.permille() / 1000 + (overageAllowed ? s.extraNanos() : 0);
      SettleResult result = account.settle(id, Money.ofNanoUsd(actual));
      posted += actual;
      totalOverage += result.overage().nanoUsd();
      assertThat(result.holdWasMissing()).isEqualTo(hold == null);
      assertThat(result.released().nanoUsd()).isEqualTo(Math.max(0, holdAmount - actual));
      assertThat(result.overage().nanoUsd()).isEqualTo(Math.max(0, actual - holdAmount));
    }

    /** Drops model holds expired at {@code now}; returns how many. */
    private int sweep() {
      int before = live.size();
      live.values().removeIf(h -> !now.isBefore(h.expiresAt()));
      return before - live.size();
    }

    private long heldInModel() {
      return live.values().stream().mapToLong(LiveHold::amount).sum();
    }

    void assertHeldIsTheSumOfLiveHolds() {
      assertThat(account.held().nanoUsd()).isEqualTo(heldInModel());
      assertThat(account.holdCount()).isEqualTo(live.size());
      assertThat(account.posted().nanoUsd()).isEqualTo(posted);
      live.keySet().forEach(id -> assertThat(account.holds(id)).isTrue());
    }

    private static HoldId id(int n) {
      return HoldId.of("h" + n);
    }
  }

  /** Up to 60 steps; ops weighted hold 5, settle 3, release 1, expire 1. */
  private static Gen<List<Step>> steps() {
    // Few ids so retries, duplicates and settles of missing holds all happen often.
    Gen<Integer> ids = integers().between(0, 5);
    Gen<Op> hold = ids.zip(longs().between(0, 400), longs().between(0, 5), Hold::new);
    Gen<Op> settle = ids.zip(integers().between(0, 1000), longs().between(0, 300), Settle::new);
    Gen<Op> release = ids.map(Release::new);
    Gen<Op> expire = Generate.constant(new Expire());
    Gen<Op> op =
        Generate.frequency(
            List.of(Pair.of(5, hold), Pair.of(3, settle), Pair.of(1, release), Pair.of(1, expire)));
    // Whole seconds, so a step often lands exactly on a hold's expiry.
    Gen<Long> advance = longs().between(0, 3);
    return lists().of(advance.zip(op, Step::new)).ofSizeBetween(0, 60);
  }
}
