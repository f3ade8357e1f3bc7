package dev.tollgate.adapter.postgres;

import dev.tollgate.adapter.postgres.BudgetMapper.AccountKey;
import dev.tollgate.adapter.postgres.BudgetRows.Target;
import dev.tollgate.adapter.postgres.HoldMapper.PartRow;
import dev.tollgate.adapter.postgres.HoldMapper.ResultRow;
import dev.tollgate.domain.budget.HoldId;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.budget.SettleResult;
import dev.tollgate.domain.budget.Settlement;
import dev.tollgate.domain.money.Money;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code settle}, in one transaction: claim the settlement (a repeat answers the remembered
 * one), lock the hold, lock the accounts of the settled scopes' windows at {@code heldAt} and of
 * every part of the hold, drop expired parts and the hold's own, then post the actual cost on
 * every budgeted scope. Parts of the hold on scopes not listed are released, not left to expire.
 */
final class HoldSettlement {

  private HoldSettlement() {}

  static Settlement settle(
      Tx tx, HoldId hold, List<Scope> scopes, Instant heldAt, Money actual, Instant now) {
    HoldMapper holds = tx.mapper(HoldMapper.class);
    String id = hold.value();
    if (holds.claimSettlement(id, now) == 0) {
      tx.rollbackOnly();
      return remembered(holds, id);
    }
    holds.lockHold(id); // none or locked: a placeHold or release of this id waits for us
    List<Target> targets = BudgetRows.targets(tx, scopes, heldAt);
    List<AccountKey> wanted = new ArrayList<>(holds.partAccounts(id));
    targets.forEach(t -> wanted.add(t.account()));
    Instant at = PgInstantTypeHandler.storable(now);
    LockedAccounts accounts = LockedAccounts.lock(tx, wanted, at, id);
    Map<AccountKey, Long> live = new HashMap<>();
    for (PartRow part : accounts.dropped()) {
      if (part.holdId().equals(id) && at.isBefore(part.expiresAt())) {
        live.put(new AccountKey(part.scopeKey(), part.windowStart()), part.amountNanoUsd());
      }
    }
    List<Settlement.ScopeResult> results = new ArrayList<>();
    for (Target t : targets) {
      results.add(new Settlement.ScopeResult(
          t.scope(), post(accounts.get(t.account()), t, live.get(t.account()), actual)));
    }
    accounts.flush(tx);
    holds.deleteHold(id);
    if (!results.isEmpty()) {
      holds.insertResults(rows(id, results));
    }
    return new Settlement(results);
  }

  /** What BudgetAccount.settle does, on a locked account. */
  static SettleResult post(
      LockedAccounts.Account account, Target target, Long heldAmount, Money actual) {
    long held = heldAmount == null ? 0 : heldAmount;
    Optional<Money> soft = target.budget().softLimit();
    boolean belowSoftBefore = soft.map(s -> account.posted < s.nanoUsd()).orElse(false);
    account.posted = Math.addExact(account.posted, actual.nanoUsd());
    boolean atSoftAfter = soft.map(s -> account.posted >= s.nanoUsd()).orElse(false);
    return new SettleResult(
        actual,
        Money.ofNanoUsd(Math.max(0, held - actual.nanoUsd())),
        Money.ofNanoUsd(Math.max(0, actual.nanoUsd() - held)),
        heldAmount == null,
        belowSoftBefore && atSoftAfter);
  }

  static List<ResultRow> rows(String id, List<Settlement.ScopeResult> results) {
    List<ResultRow> rows = new ArrayList<>();
    for (int i = 0; i < results.size(); i++) {
      Settlement.ScopeResult r = results.get(i);
      SettleResult s = r.result();
      rows.add(new ResultRow(id, i, r.scope().storageKey(), s.posted().nanoUsd(),
          s.released().nanoUsd(), s.overage().nanoUsd(), s.holdWasMissing(),
          s.crossedSoftLimit()));
    }
    return rows;
  }

  /** What the first settlement of {@code id} did: its result rows, or its posting's (V28). */
  private static Settlement remembered(HoldMapper holds, String id) {
    List<ResultRow> rows = holds.results(id);
    if (rows.isEmpty()) {
      HoldMapper.PostingRow posting = holds.posting(id);
      if (posting != null && posting.postedOn() != null) {
        return PostingResults.decode(posting.postedNanoUsd(), posting.postedOn());
      }
    }
    return remembered(rows);
  }

  private static Settlement remembered(List<ResultRow> rows) {
    return new Settlement(rows.stream()
        .map(r -> new Settlement.ScopeResult(
            ScopeKeys.parse(r.scopeKey()),
            new SettleResult(
                Money.ofNanoUsd(r.postedNanoUsd()),
                Money.ofNanoUsd(r.releasedNanoUsd()),
                Money.ofNanoUsd(r.overageNanoUsd()),
                r.holdWasMissing(),
                r.crossedSoftLimit())))
        .toList());
  }
}
