package dev.tollgate.adapter.memory;

import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.budget.BudgetAccount;
import dev.tollgate.domain.budget.BudgetSnapshot;
import dev.tollgate.domain.budget.HoldId;
import dev.tollgate.domain.budget.HoldPrefix;
import dev.tollgate.domain.budget.HoldResult;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.budget.SettleResult;
import dev.tollgate.domain.budget.Settlement;
import dev.tollgate.domain.money.Money;
import dev.tollgate.port.out.BudgetStore;
import dev.tollgate.port.out.HoldOutcome;
import dev.tollgate.port.out.HoldRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Budgets and holds under one lock: every multi-scope operation is a single critical section, so
 * concurrent holds can never overspend. A {@link BudgetAccount} per (scope, window) does the
 * arithmetic; accounts of windows that ended a day ago with no holds are dropped on expiry sweeps.
 */
public final class InMemoryBudgetStore implements BudgetStore {

  /** How long ended windows and settled hold ids are kept: longer than any request lives. */
  private static final Duration RETENTION = Duration.ofDays(1);

  /**
   * Most settled hold ids remembered, so that a repeated settle answers the first: the newest,
   * as many as the journal's recent ids and the lease book's settled holds keep. Without a bound
   * the day's retention kept every request's settlement (~450 bytes each: 908,000 of them, about
   * 400 MB, after a few minutes of load), and the heap grew with the requests served. A repeat
   * arrives within the same request's retries, not 100,000 settlements later.
   */
  static final int REMEMBERED_SETTLEMENTS = 100_000;

  private record AccountKey(String scope, Instant windowStart) {}

  private record LiveHold(List<AccountKey> accounts, Money amount, Instant expiresAt) {}

  private record Settled(Settlement settlement, Instant at) {}

  private final Map<String, Budget> budgets = new HashMap<>();
  private final Map<AccountKey, BudgetAccount> accounts = new HashMap<>();
  private final Map<HoldId, LiveHold> holds = new HashMap<>();
  private final Map<HoldId, Settled> settled;

  public InMemoryBudgetStore() {
    this(REMEMBERED_SETTLEMENTS);
  }

  /** Remembers at most {@code rememberedSettlements} settled hold ids, the newest. */
  InMemoryBudgetStore(int rememberedSettlements) {
    if (rememberedSettlements < 1) {
      throw new IllegalArgumentException("rememberedSettlements must be positive");
    }
    this.settled = new LinkedHashMap<>() {
      @Override
      protected boolean removeEldestEntry(Map.Entry<HoldId, Settled> eldest) {
        return size() > rememberedSettlements;
      }
    };
  }

  @Override
  public synchronized void putBudget(Budget budget) {
    budgets.put(budget.scope().storageKey(), budget);
    for (Map.Entry<AccountKey, BudgetAccount> e : accounts.entrySet()) {
      if (e.getKey().scope().equals(budget.scope().storageKey())) {
        e.getValue().changeLimit(budget.limit(), budget.softLimit());
      }
    }
  }

  @Override
  public synchronized boolean removeBudget(Scope scope) {
    return budgets.remove(scope.storageKey()) != null;
  }

  @Override
  public synchronized Optional<Budget> budgetOf(Scope scope) {
    return Optional.ofNullable(budgets.get(scope.storageKey()));
  }

  @Override
  public synchronized HoldOutcome placeHold(HoldRequest request) {
    LiveHold existing = holds.get(request.id());
    if (existing != null && request.now().isBefore(existing.expiresAt())) {
      return existing.amount().equals(request.amount())
          ? new HoldOutcome.Held(request.id(), request.amount(), tightest(existing.accounts()),
              pastSoftLimit(existing.accounts()))
          : new HoldOutcome.Conflict(request.id(), existing.amount());
    }
    List<AccountKey> keys = new ArrayList<>();
    for (Scope scope : request.scopes()) {
      Budget budget = budgets.get(scope.storageKey());
      if (budget == null) {
        continue;
      }
      AccountKey key = accountKey(budget, request.now());
      BudgetAccount account = account(key, budget, request.now());
      account.expire(request.now());
      Money replaced = replacedOn(key, request);
      Money available = account.available().plus(replaced);
      if (request.amount().isGreaterThan(available)) {
        return new HoldOutcome.Refused(budget, available.max(Money.ZERO), account.window(),
            account.held().minus(replaced));
      }
      keys.add(key);
    }
    request.replacing().forEach(this::release);
    for (AccountKey key : keys) {
      HoldResult placed =
          accounts.get(key).hold(request.id(), request.amount(), request.expiresAt(), request.now());
      if (!placed.isHeld()) {
        throw new IllegalStateException("checked hold was not placed: " + placed);
      }
    }
    holds.put(request.id(), new LiveHold(List.copyOf(keys), request.amount(), request.expiresAt()));
    return new HoldOutcome.Held(request.id(), request.amount(), tightest(keys), pastSoftLimit(keys));
  }

  private boolean pastSoftLimit(List<AccountKey> keys) {
    return keys.stream()
        .map(accounts::get)
        .anyMatch(a -> a != null && a.pastSoftLimit());
  }

  /** What the live holds {@code request} replaces take on one account. */
  private Money replacedOn(AccountKey key, HoldRequest request) {
    Money total = Money.ZERO;
    for (HoldId id : request.replacing()) {
      LiveHold live = holds.get(id);
      if (live != null && live.accounts().contains(key) && request.now().isBefore(live.expiresAt())) {
        total = total.plus(live.amount());
      }
    }
    return total;
  }

  private Optional<Money> tightest(List<AccountKey> keys) {
    return keys.stream()
        .map(accounts::get)
        .filter(java.util.Objects::nonNull)
        .map(a -> a.available().max(Money.ZERO))
        .min(Money::compareTo);
  }

  /** Settled hold ids remembered now (at most {@link #REMEMBERED_SETTLEMENTS}). */
  synchronized int rememberedSettlements() {
    return settled.size();
  }

  @Override
  public synchronized Settlement settle(
      HoldId hold, List<Scope> scopes, Instant heldAt, Money actual, Instant now) {
    Settled before = settled.get(hold);
    if (before != null) {
      return before.settlement();
    }
    holds.remove(hold);
    List<Settlement.ScopeResult> results = new ArrayList<>();
    for (Scope scope : scopes) {
      Budget budget = budgets.get(scope.storageKey());
      if (budget == null) {
        continue;
      }
      BudgetAccount account = account(accountKey(budget, heldAt), budget, now);
      // A hold past its expiry is gone even if no sweep has run yet: its cost is overage.
      account.expire(now);
      SettleResult result = account.settle(hold, actual);
      results.add(new Settlement.ScopeResult(scope, result));
    }
    Settlement settlement = new Settlement(results);
    settled.put(hold, new Settled(settlement, now));
    return settlement;
  }

  @Override
  public synchronized boolean release(HoldId hold) {
    LiveHold live = holds.remove(hold);
    if (live == null) {
      return false;
    }
    for (AccountKey key : live.accounts()) {
      BudgetAccount account = accounts.get(key);
      if (account != null) {
        account.release(hold);
      }
    }
    return true;
  }

  @Override
  public synchronized int releaseAll(HoldPrefix prefix) {
    List<HoldId> family = holds.keySet().stream().filter(prefix::matches).toList();
    family.forEach(this::release);
    return family.size();
  }

  @Override
  public synchronized int expireHolds(Instant now) {
    holds.values().removeIf(h -> !now.isBefore(h.expiresAt()));
    // Oldest first (insertion order): stop at the first one still kept, not scan all 100,000.
    for (Iterator<Settled> it = settled.values().iterator(); it.hasNext(); ) {
      if (!it.next().at().plus(RETENTION).isBefore(now)) {
        break;
      }
      it.remove();
    }
    int changed = 0;
    for (Iterator<BudgetAccount> it = accounts.values().iterator(); it.hasNext(); ) {
      BudgetAccount account = it.next();
      if (account.expire(now) > 0) {
        changed++;
      }
      boolean endedLongAgo =
          !account.window().isLifetime()
              && account.window().end().plus(RETENTION).isBefore(now);
      if (endedLongAgo && account.holdCount() == 0) {
        it.remove();
      }
    }
    return changed;
  }

  @Override
  public synchronized Optional<BudgetSnapshot> snapshot(Scope scope, Instant now) {
    Budget budget = budgets.get(scope.storageKey());
    if (budget == null) {
      return Optional.empty();
    }
    BudgetAccount account = account(accountKey(budget, now), budget, now);
    account.expire(now);
    return Optional.of(
        new BudgetSnapshot(
            budget, account.window(), account.posted(), account.held(), account.available()));
  }

  private AccountKey accountKey(Budget budget, Instant at) {
    return new AccountKey(budget.scope().storageKey(), budget.period().windowAt(at).start());
  }

  private BudgetAccount account(AccountKey key, Budget budget, Instant at) {
    return accounts.computeIfAbsent(
        key,
        k ->
            new BudgetAccount(
                budget.limit(), budget.softLimit(), budget.period().windowAt(k.windowStart())));
  }
}
