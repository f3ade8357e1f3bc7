package dev.tollgate.app.wiring;

import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.budget.BudgetSnapshot;
import dev.tollgate.domain.budget.HoldId;
import dev.tollgate.domain.budget.HoldPrefix;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.budget.Settlement;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.rate.ParallelLimit;
import dev.tollgate.domain.rate.RateKind;
import dev.tollgate.domain.rate.RateLimit;
import dev.tollgate.domain.rate.RateReceipt;
import dev.tollgate.domain.rate.RateUsage;
import dev.tollgate.port.out.BudgetStore;
import dev.tollgate.port.out.HoldOutcome;
import dev.tollgate.port.out.HoldRequest;
import dev.tollgate.port.out.RateOutcome;
import dev.tollgate.port.out.RateWindowStore;
import dev.tollgate.port.out.SlotOutcome;
import dev.tollgate.port.out.SlotStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * In {@code redis} shared-state mode, budgets and limits are defined in PostgreSQL first and
 * then in Redis: PostgreSQL keeps them through a Redis that restarts empty (the Redis stores learn
 * a lost scope back from it), and definitions are read from it (administration only). Counting,
 * holds and settlements go to Redis alone.
 */
final class DurableDefinitions {

  private DurableDefinitions() {}

  static BudgetStore budgets(BudgetStore fast, BudgetStore durable) {
    return new Budgets(fast, durable);
  }

  static RateWindowStore rates(RateWindowStore fast, RateWindowStore durable) {
    return new Rates(fast, durable);
  }

  static SlotStore slots(SlotStore fast, SlotStore durable) {
    return new Slots(fast, durable);
  }

  private record Budgets(BudgetStore fast, BudgetStore durable) implements BudgetStore {
    @Override public void putBudget(Budget budget) {
      durable.putBudget(budget);
      fast.putBudget(budget);
    }

    @Override public boolean removeBudget(Scope scope) {
      boolean removed = durable.removeBudget(scope);
      return fast.removeBudget(scope) || removed;
    }

    @Override public Optional<Budget> budgetOf(Scope scope) {
      return durable.budgetOf(scope);
    }

    @Override public HoldOutcome placeHold(HoldRequest request) {
      return fast.placeHold(request);
    }

    @Override public Settlement settle(
        HoldId hold, List<Scope> scopes, Instant heldAt, Money actual, Instant now) {
      return fast.settle(hold, scopes, heldAt, actual, now);
    }

    @Override public void settleAll(List<Settle> settlements, Instant now) {
      fast.settleAll(settlements, now);
    }

    @Override public boolean release(HoldId hold) {
      return fast.release(hold);
    }

    @Override public int releaseAll(HoldPrefix prefix) {
      return fast.releaseAll(prefix);
    }

    @Override public int expireHolds(Instant now) {
      return fast.expireHolds(now);
    }

    @Override public Optional<BudgetSnapshot> snapshot(Scope scope, Instant now) {
      return fast.snapshot(scope, now);
    }

    @Override public List<BudgetSnapshot> snapshots(List<Scope> scopes, Instant now) {
      return fast.snapshots(scopes, now);
    }
  }

  private record Rates(RateWindowStore fast, RateWindowStore durable) implements RateWindowStore {
    @Override public void putLimit(RateLimit limit) {
      durable.putLimit(limit);
      fast.putLimit(limit);
    }

    @Override public boolean removeLimit(Scope scope, RateKind kind) {
      boolean removed = durable.removeLimit(scope, kind);
      return fast.removeLimit(scope, kind) || removed;
    }

    @Override public Optional<RateLimit> limitOf(Scope scope, RateKind kind) {
      return durable.limitOf(scope, kind);
    }

    @Override public RateOutcome tryAcquire(
        List<Scope> scopes, long requests, long tokens, Instant now) {
      return fast.tryAcquire(scopes, requests, tokens, now);
    }

    @Override public void adjust(RateReceipt receipt, long delta, Instant now) {
      fast.adjust(receipt, delta, now);
    }

    @Override public Optional<RateUsage> usage(Scope scope, RateKind kind, Instant now) {
      return fast.usage(scope, kind, now);
    }
  }

  private record Slots(SlotStore fast, SlotStore durable) implements SlotStore {
    @Override public void putLimit(ParallelLimit limit) {
      durable.putLimit(limit);
      fast.putLimit(limit);
    }

    @Override public boolean removeLimit(Scope scope) {
      boolean removed = durable.removeLimit(scope);
      return fast.removeLimit(scope) || removed;
    }

    @Override public Optional<ParallelLimit> limitOf(Scope scope) {
      return durable.limitOf(scope);
    }

    @Override public SlotOutcome tryAcquire(
        List<Scope> scopes, String holder, Instant expiresAt, Instant now) {
      return fast.tryAcquire(scopes, holder, expiresAt, now);
    }

    @Override public void release(List<Scope> scopes, String holder) {
      fast.release(scopes, holder);
    }

    @Override public int inUse(Scope scope, Instant now) {
      return fast.inUse(scope, now);
    }
  }
}
