package dev.tollgate.adapter.postgres;

import dev.tollgate.adapter.postgres.BudgetMapper.AccountKey;
import dev.tollgate.adapter.postgres.BudgetMapper.AccountRow;
import dev.tollgate.adapter.postgres.BudgetRows.Target;
import dev.tollgate.adapter.postgres.HoldMapper.HoldRow;
import dev.tollgate.adapter.postgres.HoldMapper.PartRow;
import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.money.Money;
import dev.tollgate.port.out.HoldOutcome;
import dev.tollgate.port.out.HoldRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code placeHold}, in one transaction: claim the hold id (or lock the existing hold), find
 * the budgets, lock their accounts in order, drop expired parts, check every budget in the order
 * the scopes were listed, then write the parts and the new held totals. A refusal rolls back.
 */
final class HoldPlacement {

  private HoldPlacement() {}

  static HoldOutcome place(Tx tx, HoldRequest request) {
    Instant now = PgInstantTypeHandler.storable(request.now());
    Optional<HoldOutcome> retry = claim(tx, request, now);
    if (retry.isPresent()) {
      tx.rollbackOnly();
      return retry.get();
    }
    List<String> replaced = lockReplaced(tx, request);
    List<Target> targets = BudgetRows.targets(tx, request.scopes(), request.now());
    if (targets.isEmpty() && replaced.isEmpty()) {
      return new HoldOutcome.Held(request.id(), request.amount(), Optional.empty());
    }
    List<AccountKey> wanted = new ArrayList<>(targets.stream().map(Target::account).toList());
    replaced.forEach(id -> wanted.addAll(tx.mapper(HoldMapper.class).partAccounts(id)));
    LockedAccounts accounts = LockedAccounts.lock(tx, wanted, now, request.id().value());
    accounts.dropHolds(tx, replaced);
    for (Target t : targets) {
      LockedAccounts.Account account = accounts.get(t.account());
      Money available = account.available(t.budget().limit());
      if (request.amount().isGreaterThan(available)) {
        tx.rollbackOnly(); // the replaced holds stand as they were
        return new HoldOutcome.Refused(t.budget(), available.max(Money.ZERO), t.window(),
            Money.ofNanoUsd(account.held));
      }
    }
    replaced.forEach(id -> tx.mapper(HoldMapper.class).deleteHold(id));
    if (targets.isEmpty()) {
      accounts.flush(tx);
      return new HoldOutcome.Held(request.id(), request.amount(), Optional.empty());
    }
    return hold(tx, request, targets, accounts);
  }

  /**
   * Locks the hold rows this one replaces, in id order (hold rows before accounts, as every
   * transaction here does); returns the ids that exist.
   */
  private static List<String> lockReplaced(Tx tx, HoldRequest request) {
    HoldMapper holds = tx.mapper(HoldMapper.class);
    List<String> locked = new ArrayList<>();
    for (String id : request.replacing().stream().map(h -> h.value()).sorted().toList()) {
      if (holds.lockHold(id) != null) {
        locked.add(id);
      }
    }
    return locked;
  }

  /**
   * Makes this transaction the only one working on the hold id: inserts it, or locks the existing
   * hold. A live one answers the retry; an expired one starts over under the same id.
   */
  private static Optional<HoldOutcome> claim(Tx tx, HoldRequest request, Instant now) {
    HoldMapper holds = tx.mapper(HoldMapper.class);
    HoldRow row =
        new HoldRow(request.id().value(), request.amount().nanoUsd(), request.expiresAt());
    if (holds.insertHold(row) == 1) {
      return Optional.empty();
    }
    HoldRow existing = holds.lockHold(row.holdId());
    if (existing == null) {
      throw new Db.RaceLost("hold " + row.holdId() + " was dropped while being retried");
    }
    if (now.isBefore(existing.expiresAt())) {
      return Optional.of(retried(tx, request, existing, now));
    }
    holds.updateHold(row);
    return Optional.empty();
  }

  /** Every budget had room: write the parts and the new held totals. */
  private static HoldOutcome hold(
      Tx tx, HoldRequest request, List<Target> targets, LockedAccounts accounts) {
    long amount = request.amount().nanoUsd();
    List<PartRow> parts = new ArrayList<>();
    Money tightest = null;
    boolean pastSoft = false;
    for (Target t : targets) {
      LockedAccounts.Account account = accounts.get(t.account());
      pastSoft |= pastSoft(t.budget(), account.posted);
      account.held = Math.addExact(account.held, amount);
      parts.add(new PartRow(request.id().value(), t.account().scopeKey(),
          t.account().windowStart(), amount, request.expiresAt()));
      Money left = account.available(t.budget().limit()).max(Money.ZERO);
      tightest = tightest == null ? left : tightest.min(left);
    }
    tx.mapper(HoldMapper.class).insertParts(parts);
    accounts.flush(tx);
    return new HoldOutcome.Held(request.id(), request.amount(), Optional.of(tightest), pastSoft);
  }

  /** Posted spend has reached the budget's soft limit (as {@code BudgetAccount.pastSoftLimit}). */
  private static boolean pastSoft(Budget budget, long postedNanoUsd) {
    return budget.softLimit().map(s -> postedNanoUsd >= s.nanoUsd()).orElse(false);
  }

  /** A retry of a live hold: the same amount answers Held again, another one conflicts. */
  private static HoldOutcome retried(Tx tx, HoldRequest request, HoldRow existing, Instant now) {
    if (existing.amountNanoUsd() != request.amount().nanoUsd()) {
      return new HoldOutcome.Conflict(request.id(), Money.ofNanoUsd(existing.amountNanoUsd()));
    }
    List<AccountKey> accounts = tx.mapper(HoldMapper.class).partAccounts(existing.holdId());
    return heldAgain(tx, request, accounts, now);
  }

  /** Held again: the least any of these accounts' budgets has left now, and soft limits reached. */
  private static HoldOutcome.Held heldAgain(
      Tx tx, HoldRequest request, List<AccountKey> accounts, Instant now) {
    if (accounts.isEmpty()) {
      return new HoldOutcome.Held(request.id(), request.amount(), Optional.empty());
    }
    List<Scope> scopes = accounts.stream().map(a -> ScopeKeys.parse(a.scopeKey())).toList();
    Map<String, Budget> budgets = new HashMap<>();
    for (Target t : BudgetRows.targets(tx, scopes, now)) {
      budgets.put(t.scope().storageKey(), t.budget());
    }
    Optional<Money> least = Optional.empty();
    boolean pastSoft = false;
    for (AccountRow row : tx.mapper(BudgetMapper.class).accountsAt(accounts, now)) {
      Budget budget = budgets.get(row.scopeKey());
      if (budget != null) {
        long available = budget.limit().nanoUsd() - row.postedNanoUsd() - row.heldNanoUsd();
        Money left = Money.ofNanoUsd(Math.max(0, available));
        least = Optional.of(least.map(left::min).orElse(left));
        pastSoft |= pastSoft(budget, row.postedNanoUsd());
      }
    }
    return new HoldOutcome.Held(request.id(), request.amount(), least, pastSoft);
  }
}
