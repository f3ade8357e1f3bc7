package dev.tollgate.adapter.postgres;

import dev.tollgate.adapter.postgres.BudgetMapper.AccountKey;
import dev.tollgate.adapter.postgres.BudgetMapper.BudgetRow;
import dev.tollgate.adapter.postgres.BudgetRows.Target;
import dev.tollgate.adapter.postgres.HoldMapper.ResultRow;
import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.budget.PeriodWindow;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.budget.Settlement;
import dev.tollgate.port.out.BudgetStore.Settle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code settleAll} in one transaction and a handful of statements, whatever the batch size: the
 * journal's postings are settlements of holds that never existed on the shared store (the request
 * was held on a replica's lease), so they need no hold row, only their cost posted on each
 * budgeted account. Holds settled before are skipped; the accounts of the whole batch are locked
 * at once in the global order (two replicas' batches cannot deadlock); each settlement's claim
 * and results are written in bulk, so a later {@code settle} of the same id answers them. The
 * rare settlement of a hold that does exist goes through {@link HoldSettlement}, after.
 */
final class BatchSettlement {

  private static final int RESULT_FIELDS = 8;
  /** A typical result row's bytes, to size the buffer once. */
  private static final int RESULT_BYTES = 96;

  private BatchSettlement() {}

  static void settle(Tx tx, List<Settle> settlements, Instant now) {
    HoldMapper holds = tx.mapper(HoldMapper.class);
    Map<String, Settle> byId = new LinkedHashMap<>();
    settlements.forEach(s -> byId.putIfAbsent(s.hold().value(), s));
    List<String> ids = List.copyOf(byId.keySet());
    Set<String> done = new HashSet<>(holds.settledAmong(ids));
    Set<String> held = new HashSet<>(holds.heldAmong(ids));
    List<Settle> simple = new ArrayList<>();
    List<Settle> withHold = new ArrayList<>();
    for (Settle s : byId.values()) {
      if (!done.contains(s.hold().value())) {
        (held.contains(s.hold().value()) ? withHold : simple).add(s);
      }
    }
    Map<String, List<Target>> targets = targets(tx, simple);
    List<AccountKey> wanted = new ArrayList<>();
    targets.values().forEach(ts -> ts.forEach(t -> wanted.add(t.account())));
    for (Settle s : withHold) {
      BudgetRows.targets(tx, s.scopes(), s.heldAt()).forEach(t -> wanted.add(t.account()));
      wanted.addAll(holds.partAccounts(s.hold().value()));
    }
    LockedAccounts accounts = LockedAccounts.lock(tx, wanted, PgInstantTypeHandler.storable(now), null);
    post(tx, holds, accounts, simple, targets, now);
    for (Settle s : withHold) {
      HoldSettlement.settle(tx, s.hold(), s.scopes(), s.heldAt(), s.actual(), now);
    }
  }

  /** Claims and posts the settlements of holds that never existed; writes what they did. */
  private static void post(Tx tx, HoldMapper holds, LockedAccounts accounts, List<Settle> simple,
      Map<String, List<Target>> targets, Instant now) {
    Set<String> claimed = simple.isEmpty() ? Set.of()
        : new HashSet<>(holds.claimSettlements(simple.stream().map(s -> s.hold().value()).toList(), now));
    List<ResultRow> rows = new ArrayList<>();
    for (Settle s : simple) {
      String id = s.hold().value();
      if (!claimed.contains(id)) {
        continue; // settled by someone else meanwhile
      }
      List<Settlement.ScopeResult> results = new ArrayList<>();
      for (Target t : targets.get(id)) {
        results.add(new Settlement.ScopeResult(t.scope(),
            HoldSettlement.post(accounts.get(t.account()), t, null, s.actual())));
      }
      rows.addAll(HoldSettlement.rows(id, results));
    }
    accounts.flush(tx);
    if (!rows.isEmpty()) {
      copyResults(tx, rows);
    }
  }

  /**
   * The batch's results by binary {@code COPY} straight into their table: each row is new (its
   * settlement was claimed by this transaction), so nothing needs an {@code ON CONFLICT}. As the
   * entries' arrays did, the results' arrays cost their encoding in the driver and their decoding
   * and {@code unnest} in the server, two rows per posting.
   */
  private static void copyResults(Tx tx, List<ResultRow> rows) {
    BinaryCopy copy = new BinaryCopy(rows.size() * RESULT_BYTES);
    for (ResultRow r : rows) {
      copy.row(RESULT_FIELDS).text(r.holdId()).int4Field(r.position()).text(r.scopeKey())
          .int8Field(r.postedNanoUsd()).int8Field(r.releasedNanoUsd()).int8Field(r.overageNanoUsd())
          .bool(r.holdWasMissing()).bool(r.crossedSoftLimit());
    }
    copy.finish();
    tx.copyIn("COPY " + tx.schema() + ".budget_settlement_results (hold_id, position, scope_key,"
        + " posted_nano_usd, released_nano_usd, overage_nano_usd, hold_was_missing,"
        + " crossed_soft_limit) FROM STDIN (FORMAT binary)", copy.bytes(), copy.size());
  }

  /**
   * Each settlement's budgeted scopes with the account of its window: one read for the batch.
   * Each settlement's scopes are made distinct, and their storage keys built, once (twice was a
   * visible share of a drain's profile).
   */
  private static Map<String, List<Target>> targets(Tx tx, List<Settle> simple) {
    Map<String, Scope> scopes = new LinkedHashMap<>();
    List<List<Scope>> distinct = new ArrayList<>(simple.size());
    for (Settle s : simple) {
      List<Scope> own = ScopeKeys.distinct(s.scopes());
      distinct.add(own);
      own.forEach(sc -> scopes.putIfAbsent(sc.storageKey(), sc));
    }
    Map<String, Budget> budgets = new HashMap<>();
    if (!scopes.isEmpty()) {
      for (BudgetRow row : tx.mapper(BudgetMapper.class).budgets(List.copyOf(scopes.keySet()))) {
        budgets.put(row.scopeKey(), BudgetRows.toBudget(scopes.get(row.scopeKey()), row));
      }
    }
    Map<String, List<Target>> targets = new HashMap<>();
    for (int i = 0; i < simple.size(); i++) {
      Settle s = simple.get(i);
      List<Target> ts = new ArrayList<>();
      for (Scope scope : distinct.get(i)) {
        String key = scope.storageKey();
        Budget budget = budgets.get(key);
        if (budget != null) {
          PeriodWindow window = budget.period().windowAt(s.heldAt());
          ts.add(new Target(scope, budget, window, new AccountKey(key, window.start())));
        }
      }
      targets.put(s.hold().value(), ts);
    }
    return targets;
  }
}
