package dev.tollgate.adapter.postgres;

import dev.tollgate.adapter.postgres.BudgetMapper.AccountKey;
import dev.tollgate.adapter.postgres.BudgetMapper.AccountRow;
import dev.tollgate.adapter.postgres.BudgetRows.Target;
import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.budget.BudgetSnapshot;
import dev.tollgate.domain.budget.HoldId;
import dev.tollgate.domain.budget.HoldPrefix;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.budget.Settlement;
import dev.tollgate.domain.money.Money;
import dev.tollgate.port.out.BudgetStore;
import dev.tollgate.port.out.HoldOutcome;
import dev.tollgate.port.out.HoldRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * Budgets, accounts and holds in PostgreSQL. Every operation that changes an account runs in one
 * transaction that locks the accounts it touches in one global order (see {@link LockedAccounts}),
 * so concurrent holds from any number of replicas never overspend and never deadlock. Accounts of
 * ended windows are kept: they are each budget's history, one row per window.
 */
public final class PostgresBudgetStore implements BudgetStore {

  /** Settled hold ids are remembered this long, so a retried settlement never posts twice. */
  static final Duration REMEMBER_SETTLEMENTS = Duration.ofDays(1);

  static final int SWEEP_BATCH = 500;
  static final int MAX_SWEEP_BATCHES = 100;

  private final Db db;
  private final FreshFirst postings = new FreshFirst();

  PostgresBudgetStore(Db db) {
    this.db = db;
  }

  @Override
  public void putBudget(Budget budget) {
    db.read("put budget", tx -> tx.mapper(BudgetMapper.class).putBudget(BudgetRows.toRow(budget)));
  }

  @Override
  public boolean removeBudget(Scope scope) {
    return db.read("remove budget",
        tx -> tx.mapper(BudgetMapper.class).removeBudget(scope.storageKey())) > 0;
  }

  @Override
  public Optional<Budget> budgetOf(Scope scope) {
    return db.read("read budget", tx -> BudgetRows.targets(tx, List.of(scope), Instant.EPOCH))
        .stream().findFirst().map(Target::budget);
  }

  @Override
  public HoldOutcome placeHold(HoldRequest request) {
    return db.inTransaction("place hold", tx -> HoldPlacement.place(tx, request));
  }

  @Override
  public Settlement settle(
      HoldId hold, List<Scope> scopes, Instant heldAt, Money actual, Instant now) {
    if (actual.isNegative()) {
      throw new IllegalArgumentException("actual cost must not be negative: " + actual);
    }
    return db.inTransaction("settle hold",
        tx -> HoldSettlement.settle(tx, hold, scopes, heldAt, actual, now));
  }

  /** The batch in one transaction and a handful of statements: see {@link BatchSettlement}. */
  @Override
  public void settleAll(List<Settle> settlements, Instant now) {
    if (settlements.isEmpty()) {
      return;
    }
    for (Settle s : settlements) {
      if (s.actual().isNegative()) {
        throw new IllegalArgumentException("actual cost must not be negative: " + s.actual());
      }
    }
    db.inTransaction("settle holds", tx -> {
      BatchSettlement.settle(tx, settlements, now, postings);
      return null;
    });
  }

  @Override
  public boolean release(HoldId hold) {
    return db.inTransaction("release hold", tx -> {
      HoldMapper holds = tx.mapper(HoldMapper.class);
      if (holds.lockHold(hold.value()) == null) {
        return false;
      }
      // Instant.MIN expires nothing: only this hold's parts are dropped.
      LockedAccounts accounts = LockedAccounts.lock(
          tx, holds.partAccounts(hold.value()), Instant.MIN, hold.value());
      accounts.flush(tx);
      holds.deleteHold(hold.value());
      return true;
    });
  }

  /**
   * Releases the family's holds one by one, as {@link #release} does (each in its own transaction,
   * locking its accounts in the global order), at most {@link #SWEEP_BATCH} ids per read and
   * {@link #MAX_SWEEP_BATCHES} reads per call.
   */
  @Override
  public int releaseAll(HoldPrefix prefix) {
    int released = 0;
    for (int batch = 0; batch < MAX_SWEEP_BATCHES; batch++) {
      List<String> family = db.read("find holds by prefix",
          tx -> tx.mapper(HoldMapper.class).holdsWithPrefix(prefix.value(), SWEEP_BATCH));
      for (String id : family) {
        released += release(HoldId.of(id)) ? 1 : 0;
      }
      if (family.size() < SWEEP_BATCH) {
        break;
      }
    }
    return released;
  }

  /**
   * Drops expired parts account by account (in batches of {@link #SWEEP_BATCH}, skipping accounts
   * another transaction holds: that one drops them itself), then expired holds and settlements
   * older than {@link #REMEMBER_SETTLEMENTS}. At most {@link #MAX_SWEEP_BATCHES} batches of each
   * per call; the periodic sweeper picks up the rest.
   */
  @Override
  public int expireHolds(Instant now) {
    int changed = 0;
    for (int batch = 0; batch < MAX_SWEEP_BATCHES; batch++) {
      int accounts = db.inTransaction("expire holds", tx -> {
        List<AccountKey> keys =
            tx.mapper(BudgetMapper.class).lockAccountsWithExpiredParts(now, SWEEP_BATCH);
        LockedAccounts locked = LockedAccounts.lock(tx, keys, now, null);
        locked.flush(tx);
        return locked.accountsWithDroppedParts();
      });
      changed += accounts;
      if (accounts == 0) {
        break;
      }
    }
    inBatches(() -> db.read("drop expired holds",
        tx -> tx.mapper(HoldMapper.class).dropExpiredHolds(now, SWEEP_BATCH)));
    Instant forgetBefore = now.minus(REMEMBER_SETTLEMENTS);
    inBatches(() -> db.read("forget settlements",
        tx -> tx.mapper(HoldMapper.class).forgetSettlements(forgetBefore, SWEEP_BATCH)));
    return changed;
  }

  /** Repeats a deleting batch while it removes a full batch, at most MAX_SWEEP_BATCHES times. */
  private static void inBatches(IntSupplier batch) {
    for (int i = 0; i < MAX_SWEEP_BATCHES; i++) {
      if (batch.getAsInt() < SWEEP_BATCH) {
        return;
      }
    }
  }

  @Override
  public Optional<BudgetSnapshot> snapshot(Scope scope, Instant now) {
    return snapshots(List.of(scope), now).stream().findFirst();
  }

  /** Two statements for any number of scopes: their budgets, then their accounts as of now. */
  @Override
  public List<BudgetSnapshot> snapshots(List<Scope> scopes, Instant now) {
    Map<String, BudgetSnapshot> byScope = db.read("read budget snapshots", tx -> {
      Map<String, BudgetSnapshot> snapshots = new HashMap<>();
      List<Target> targets = BudgetRows.targets(tx, scopes, now);
      if (targets.isEmpty()) {
        return snapshots;
      }
      Map<AccountKey, AccountRow> rows = new HashMap<>();
      List<AccountKey> keys = targets.stream().map(Target::account).toList();
      for (AccountRow row : tx.mapper(BudgetMapper.class).accountsAt(keys, now)) {
        rows.put(new AccountKey(row.scopeKey(), row.windowStart()), row);
      }
      for (Target t : targets) {
        snapshots.put(t.scope().storageKey(), snapshot(t, rows.get(t.account())));
      }
      return snapshots;
    });
    List<BudgetSnapshot> ordered = new ArrayList<>();
    for (Scope scope : scopes) {
      BudgetSnapshot snapshot = byScope.get(scope.storageKey());
      if (snapshot != null) {
        ordered.add(snapshot);
      }
    }
    return ordered;
  }

  /** A budget's snapshot; an account nobody has held on yet has nothing posted or held. */
  private static BudgetSnapshot snapshot(Target t, AccountRow row) {
    Money posted = Money.ofNanoUsd(row == null ? 0 : row.postedNanoUsd());
    Money held = Money.ofNanoUsd(row == null ? 0 : row.heldNanoUsd());
    return new BudgetSnapshot(
        t.budget(), t.window(), posted, held, t.budget().limit().minus(posted).minus(held));
  }
}
