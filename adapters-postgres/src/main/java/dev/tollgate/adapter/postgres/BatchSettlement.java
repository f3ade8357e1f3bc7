package dev.tollgate.adapter.postgres;

import dev.tollgate.adapter.postgres.BudgetMapper.AccountKey;
import dev.tollgate.adapter.postgres.BudgetRows.Target;
import dev.tollgate.domain.budget.SettleResult;
import dev.tollgate.port.out.BudgetStore.Settle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code settleAll} in one transaction and a handful of statements, whatever the batch size: the
 * journal's postings are settlements of holds that never existed on the shared store (the request
 * was held on a replica's lease), so they need no hold row, only their cost posted on each
 * budgeted account. Their settlements are claimed first, as a single {@code settle} claims first:
 * what is not claimed was settled before (a replay) and is skipped, without an account read or
 * lock. The accounts of the whole batch are then locked at once in the global order (two
 * replicas' batches cannot deadlock on them), and each settlement's results are written in bulk,
 * so a later {@code settle} of the same id answers them. The rare settlement of a hold that does
 * exist goes through {@link HoldSettlement}, after.
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
    Set<String> held = new HashSet<>(holds.heldAmong(List.copyOf(byId.keySet())));
    List<Settle> unheld = new ArrayList<>(byId.size());
    List<Settle> withHold = new ArrayList<>();
    for (Settle s : byId.values()) {
      (held.contains(s.hold().value()) ? withHold : unheld).add(s);
    }
    if (!withHold.isEmpty()) {
      // HoldSettlement's own claim would roll the batch back on a hold settled before
      Set<String> done = new HashSet<>(holds.settledAmong(ids(withHold)));
      withHold.removeIf(s -> done.contains(s.hold().value()));
    }
    List<Settle> simple = claim(holds, unheld, now);
    PostingTargets targets = PostingTargets.of(tx, simple);
    Set<AccountKey> wanted = targets.accounts();
    for (Settle s : withHold) {
      BudgetRows.targets(tx, s.scopes(), s.heldAt()).forEach(t -> wanted.add(t.account()));
      wanted.addAll(holds.partAccounts(s.hold().value()));
    }
    LockedAccounts accounts = LockedAccounts.lock(tx, wanted, PgInstantTypeHandler.storable(now), null);
    post(tx, accounts, simple, targets);
    for (Settle s : withHold) {
      HoldSettlement.settle(tx, s.hold(), s.scopes(), s.heldAt(), s.actual(), now);
    }
  }

  /** The settlements this transaction claimed, in the order given; the others were made before. */
  private static List<Settle> claim(HoldMapper holds, List<Settle> unheld, Instant now) {
    if (unheld.isEmpty()) {
      return List.of();
    }
    Set<String> claimed = new HashSet<>(holds.claimSettlements(ids(unheld), now));
    if (claimed.size() == unheld.size()) {
      return unheld;
    }
    List<Settle> simple = new ArrayList<>(claimed.size());
    for (Settle s : unheld) {
      if (claimed.contains(s.hold().value())) {
        simple.add(s);
      }
    }
    return simple;
  }

  private static List<String> ids(List<Settle> settles) {
    List<String> ids = new ArrayList<>(settles.size());
    settles.forEach(s -> ids.add(s.hold().value()));
    return ids;
  }

  /**
   * Posts the claimed settlements of holds that never existed on their locked accounts and writes
   * what they did: each result straight into the batch's {@code COPY}, as {@link HoldSettlement}
   * would have written it.
   */
  private static void post(Tx tx, LockedAccounts accounts, List<Settle> simple,
      PostingTargets targets) {
    BinaryCopy copy = new BinaryCopy(Math.max(1, simple.size() * 2 * RESULT_BYTES));
    int rows = 0;
    for (int i = 0; i < simple.size(); i++) {
      Settle s = simple.get(i);
      String id = s.hold().value();
      Target[] ts = targets.of(i);
      for (int position = 0; position < ts.length; position++) {
        Target t = ts[position];
        SettleResult r = HoldSettlement.post(accounts.get(t.account()), t, null, s.actual());
        copy.row(RESULT_FIELDS).text(id).int4Field(position).text(t.account().scopeKey())
            .int8Field(r.posted().nanoUsd()).int8Field(r.released().nanoUsd())
            .int8Field(r.overage().nanoUsd()).bool(r.holdWasMissing()).bool(r.crossedSoftLimit());
        rows++;
      }
    }
    accounts.flush(tx);
    if (rows > 0) {
      copyResults(tx, copy);
    }
  }

  /**
   * The batch's results by binary {@code COPY} straight into their table: each row is new (its
   * settlement was claimed by this transaction), so nothing needs an {@code ON CONFLICT}. As the
   * entries' arrays did, the results' arrays cost their encoding in the driver and their decoding
   * and {@code unnest} in the server, two rows per posting.
   */
  private static void copyResults(Tx tx, BinaryCopy copy) {
    copy.finish();
    tx.copyIn("COPY " + tx.schema() + ".budget_settlement_results (hold_id, position, scope_key,"
        + " posted_nano_usd, released_nano_usd, overage_nano_usd, hold_was_missing,"
        + " crossed_soft_limit) FROM STDIN (FORMAT binary)", copy.bytes(), copy.size());
  }
}
