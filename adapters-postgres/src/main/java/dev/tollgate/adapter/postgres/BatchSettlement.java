package dev.tollgate.adapter.postgres;

import dev.tollgate.adapter.postgres.BudgetMapper.AccountKey;
import dev.tollgate.adapter.postgres.BudgetRows.Target;
import dev.tollgate.domain.budget.SettleResult;
import dev.tollgate.port.out.BudgetStore.Settle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code settleAll} in one transaction and a handful of statements, whatever the batch size: the
 * journal's postings are settlements of holds that never existed on the shared store (the request
 * was held on a replica's lease), so they need no hold row, only their cost posted on each
 * budgeted account. The accounts of the whole batch are locked at once in the global order (two
 * replicas' batches cannot deadlock on them), each posting's results are computed on them, and
 * the settlements are then claimed with their results on the claim rows ({@link PostingResults}),
 * so a later {@code settle} of the same id answers them. What is not claimed was settled before (a
 * replay): the accounts are reset and the claimed ones computed again. The rare settlement of a
 * hold that does exist goes through {@link HoldSettlement}, after.
 *
 * <p>The claims come after the accounts' locks here, where a single {@code settle} claims first:
 * the two wait on each other only for the same hold id in flight in both at once, which the
 * journal (one forwarder per replica run) does not do; PostgreSQL would end such a deadlock and
 * {@link Db} retry the loser.
 */
final class BatchSettlement {

  private static final int CLAIM_FIELDS = 4;
  /** A typical claim row's bytes (the id, the time, the cost, two scopes' results), to size the buffer once. */
  private static final int CLAIM_BYTES = 128;

  private BatchSettlement() {}

  static void settle(Tx tx, List<Settle> settlements, Instant now, FreshFirst claims) {
    HoldMapper holds = tx.mapper(HoldMapper.class);
    Map<String, Settle> byId = new LinkedHashMap<>();
    settlements.forEach(s -> byId.putIfAbsent(s.hold().value(), s));
    Set<String> held = new HashSet<>(holds.heldAmong(byId.keySet()));
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
    PostingTargets targets = PostingTargets.of(tx, unheld);
    Set<AccountKey> wanted = targets.accounts();
    for (Settle s : withHold) {
      BudgetRows.targets(tx, s.scopes(), s.heldAt()).forEach(t -> wanted.add(t.account()));
      wanted.addAll(holds.partAccounts(s.hold().value()));
    }
    Instant at = PgInstantTypeHandler.storable(now);
    LockedAccounts accounts = LockedAccounts.lock(tx, wanted, at, null);
    if (!unheld.isEmpty()) {
      post(tx, claims, accounts, unheld, targets, at);
    }
    accounts.flush(tx);
    for (Settle s : withHold) {
      HoldSettlement.settle(tx, s.hold(), s.scopes(), s.heldAt(), s.actual(), now);
    }
  }

  private static List<String> ids(List<Settle> settles) {
    List<String> ids = new ArrayList<>(settles.size());
    settles.forEach(s -> ids.add(s.hold().value()));
    return ids;
  }

  /**
   * Posts the settlements of holds that never existed on their locked accounts and claims them
   * with what they did. When some were settled before (a replay), only the others are posted: the
   * accounts go back to their locked totals and the claimed ones are computed again.
   */
  private static void post(Tx tx, FreshFirst claims, LockedAccounts accounts,
      List<Settle> unheld, PostingTargets targets, Instant now) {
    HoldMapper holds = tx.mapper(HoldMapper.class);
    int n = unheld.size();
    String[] ids = new String[n];
    long[] costs = new long[n];
    for (int i = 0; i < n; i++) {
      ids[i] = unheld.get(i).hold().value();
      costs[i] = unheld.get(i).actual().nanoUsd();
    }
    String[] postedOn = postAll(accounts, unheld, targets, null);
    List<String> claimed = claims.claim(tx, Arrays.asList(ids),
        () -> copyFresh(tx, ids, costs, postedOn, now),
        () -> holds.claimPostings(ids, costs, postedOn, now));
    if (claimed.size() == n) {
      return;
    }
    Set<String> mine = new HashSet<>(claimed);
    boolean[] claimedHere = new boolean[n];
    for (int i = 0; i < n; i++) {
      claimedHere[i] = mine.contains(ids[i]);
    }
    accounts.reset();
    String[] again = postAll(accounts, unheld, targets, claimedHere);
    List<String> rewritten = new ArrayList<>(claimed.size());
    List<String> results = new ArrayList<>(claimed.size());
    for (int i = 0; i < n; i++) {
      if (claimedHere[i]) {
        rewritten.add(ids[i]);
        results.add(again[i]);
      }
    }
    if (!rewritten.isEmpty()) {
      holds.rewritePostings(rewritten.toArray(String[]::new), results.toArray(String[]::new));
    }
  }

  /**
   * The claims of postings none of which was settled before ({@link FreshFirst}), in the order
   * given, copied in: a copy inserts a page of rows at a time (one WAL record per page, not per
   * row) and binds nothing, as the ledger's fresh batches do ({@link LedgerStaging}). A claim
   * settled before fails it with a unique violation, at its row.
   */
  private static void copyFresh(Tx tx, String[] ids, long[] costs, String[] postedOn, Instant at) {
    BinaryCopy copy = new BinaryCopy(ids.length * CLAIM_BYTES);
    for (int i = 0; i < ids.length; i++) {
      copy.row(CLAIM_FIELDS).text(ids[i]).timestamptz(at).int8Field(costs[i]).text(postedOn[i]);
    }
    copy.finish();
    long claimed = tx.copyIn("COPY " + tx.schema() + ".budget_settlements"
        + " (hold_id, settled_at, posted_nano_usd, posted_on) FROM STDIN (FORMAT binary)",
        copy.bytes(), copy.size());
    if (claimed != ids.length) {
      throw new IllegalStateException(claimed + " of " + ids.length + " copied claims inserted");
    }
  }

  /**
   * Posts each settlement (each one {@code only} marks, or all when null) on its targets' locked
   * accounts, in order; returns each one's results as {@link PostingResults} writes them. A chain's
   * targets are shared by its postings, and so is their text when no soft limit was crossed.
   */
  private static String[] postAll(LockedAccounts accounts, List<Settle> unheld,
      PostingTargets targets, boolean[] only) {
    String[] postedOn = new String[unheld.size()];
    Map<Target[], String> plain = new IdentityHashMap<>();
    StringBuilder out = new StringBuilder(128);
    for (int i = 0; i < postedOn.length; i++) {
      if (only != null && !only[i]) {
        continue;
      }
      Target[] ts = targets.of(i);
      boolean[] crossed = null;
      for (int position = 0; position < ts.length; position++) {
        Target t = ts[position];
        SettleResult r = HoldSettlement.post(accounts.get(t.account()), t, null,
            unheld.get(i).actual());
        if (r.crossedSoftLimit()) {
          crossed = crossed == null ? new boolean[ts.length] : crossed;
          crossed[position] = true;
        }
      }
      if (crossed == null) {
        String text = plain.get(ts);
        if (text == null) {
          text = encode(out, ts, null);
          plain.put(ts, text);
        }
        postedOn[i] = text;
      } else {
        postedOn[i] = encode(out, ts, crossed);
      }
    }
    return postedOn;
  }

  /** {@code crossed}: per position, whether the posting crossed its soft limit (null: none). */
  private static String encode(StringBuilder out, Target[] ts, boolean[] crossed) {
    out.setLength(0);
    for (int position = 0; position < ts.length; position++) {
      PostingResults.append(out, ts[position].account().scopeKey(),
          crossed != null && crossed[position]);
    }
    return out.toString();
  }
}
