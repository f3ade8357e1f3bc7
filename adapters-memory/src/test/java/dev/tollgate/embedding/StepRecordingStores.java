package dev.tollgate.embedding;

import dev.tollgate.adapter.memory.InMemoryStores;
import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.budget.BudgetSnapshot;
import dev.tollgate.domain.budget.HoldId;
import dev.tollgate.domain.budget.HoldPrefix;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.budget.Settlement;
import dev.tollgate.domain.ledger.AppendResult;
import dev.tollgate.domain.ledger.RequestId;
import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.domain.ledger.SpendQuery;
import dev.tollgate.domain.ledger.SpendTotal;
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
import dev.tollgate.port.out.SpendLedger;
import dev.tollgate.port.out.StoreUnavailableException;
import dev.tollgate.port.out.Stores;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * In-memory stores whose ledger, budget, rate and slot steps are written down in the order the
 * service takes them, and one of which can be made to fail: {@link #failAt}{@code ("budgets.placeHold", 2)}
 * throws a {@link StoreUnavailableException} on the second hold. Reads and configuration pass
 * through unrecorded. The scopes each counting step was given are kept ({@link #scopesOf}).
 */
final class StepRecordingStores {

  private final Stores memory = InMemoryStores.create();
  private final List<String> steps = new ArrayList<>();
  private final Map<String, List<Scope>> scopes = new HashMap<>();
  private String failing = "";
  private int callsUntilFailure;

  final Stores stores = new Stores(memory.keys(), new Budgets(memory.budgets()),
      new Rates(memory.rates()), new Slots(memory.slots()), new Ledger(memory.ledger()), memory.prices(),
      memory.models(), memory.tenants());

  /** Makes the {@code nth} call of {@code step} (1 for the next) throw, after recording it. */
  void failAt(String step, int nth) {
    failing = step;
    callsUntilFailure = nth;
  }

  /** The recorded steps since the last {@link #clear}. */
  List<String> steps() {
    return List.copyOf(steps);
  }

  void clear() {
    steps.clear();
  }

  /** The scopes the last call of {@code step} was given ({@code "budgets.settle"} and the like). */
  List<Scope> scopesOf(String step) {
    return Optional.ofNullable(scopes.get(step)).orElseThrow(
        () -> new AssertionError(step + " was not called"));
  }

  private void step(String name, List<Scope> given) {
    scopes.put(name, List.copyOf(given));
    step(name);
  }

  private void step(String name) {
    steps.add(name);
    if (name.equals(failing) && --callsUntilFailure == 0) {
      throw new StoreUnavailableException("planted failure at " + name);
    }
  }

  private final class Slots implements SlotStore {
    private final SlotStore inner;

    Slots(SlotStore inner) {
      this.inner = inner;
    }

    @Override public void putLimit(ParallelLimit limit) {
      inner.putLimit(limit);
    }

    @Override public boolean removeLimit(Scope scope) {
      return inner.removeLimit(scope);
    }

    @Override public Optional<ParallelLimit> limitOf(Scope scope) {
      return inner.limitOf(scope);
    }

    @Override public SlotOutcome tryAcquire(
        List<Scope> scopes, String holder, Instant expiresAt, Instant now) {
      step("slots.tryAcquire", scopes);
      return inner.tryAcquire(scopes, holder, expiresAt, now);
    }

    @Override public void release(List<Scope> scopes, String holder) {
      step("slots.release");
      inner.release(scopes, holder);
    }

    @Override public int inUse(Scope scope, Instant now) {
      return inner.inUse(scope, now);
    }
  }

  private final class Rates implements RateWindowStore {
    private final RateWindowStore inner;

    Rates(RateWindowStore inner) {
      this.inner = inner;
    }

    @Override public void putLimit(RateLimit limit) {
      inner.putLimit(limit);
    }

    @Override public boolean removeLimit(Scope scope, RateKind kind) {
      return inner.removeLimit(scope, kind);
    }

    @Override public Optional<RateLimit> limitOf(Scope scope, RateKind kind) {
      return inner.limitOf(scope, kind);
    }

    @Override public RateOutcome tryAcquire(
        List<Scope> scopes, long requests, long tokens, Instant now) {
      step("rates.tryAcquire", scopes);
      return inner.tryAcquire(scopes, requests, tokens, now);
    }

    @Override public void adjust(RateReceipt receipt, long delta, Instant now) {
      step("rates.adjust");
      inner.adjust(receipt, delta, now);
    }

    @Override public Optional<RateUsage> usage(Scope scope, RateKind kind, Instant now) {
      return inner.usage(scope, kind, now);
    }
  }

  private final class Budgets implements BudgetStore {
    private final BudgetStore inner;

    Budgets(BudgetStore inner) {
      this.inner = inner;
    }

    @Override public void putBudget(Budget budget) {
      inner.putBudget(budget);
    }

    @Override public boolean removeBudget(Scope scope) {
      return inner.removeBudget(scope);
    }

    @Override public Optional<Budget> budgetOf(Scope scope) {
      return inner.budgetOf(scope);
    }

    @Override public HoldOutcome placeHold(HoldRequest request) {
      step("budgets.placeHold", request.scopes());
      return inner.placeHold(request);
    }

    @Override public Settlement settle(
        HoldId hold, List<Scope> scopes, Instant heldAt, Money actual, Instant now) {
      step("budgets.settle", scopes);
      return inner.settle(hold, scopes, heldAt, actual, now);
    }

    @Override public boolean release(HoldId hold) {
      step("budgets.release");
      return inner.release(hold);
    }

    @Override public int releaseAll(HoldPrefix prefix) {
      step("budgets.releaseAll");
      return inner.releaseAll(prefix);
    }

    @Override public int expireHolds(Instant now) {
      return inner.expireHolds(now);
    }

    @Override public Optional<BudgetSnapshot> snapshot(Scope scope, Instant now) {
      return inner.snapshot(scope, now);
    }
  }

  private final class Ledger implements SpendLedger {
    private final SpendLedger inner;

    Ledger(SpendLedger inner) {
      this.inner = inner;
    }

    @Override public AppendResult append(SpendEntry entry) {
      step("ledger.append");
      return inner.append(entry);
    }

    @Override public Optional<SpendEntry> find(RequestId request) {
      return inner.find(request);
    }

    @Override public SpendTotal total(SpendQuery query) {
      return inner.total(query);
    }

    @Override public List<SpendEntry> entries(SpendQuery query, int offset, int limit) {
      return inner.entries(query, offset, limit);
    }
  }
}
