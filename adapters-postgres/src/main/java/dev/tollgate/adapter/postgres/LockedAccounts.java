package dev.tollgate.adapter.postgres;

import dev.tollgate.adapter.postgres.BudgetMapper.AccountDelta;
import dev.tollgate.adapter.postgres.BudgetMapper.AccountKey;
import dev.tollgate.adapter.postgres.BudgetMapper.AccountRow;
import dev.tollgate.adapter.postgres.HoldMapper.PartRow;
import dev.tollgate.domain.money.Money;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Accounts locked by one transaction, with their expired parts dropped. The transaction changes
 * their totals here and writes all changes with one UPDATE in {@link #flush}.
 */
final class LockedAccounts {

  /** One locked account: totals as the transaction sees them now. */
  static final class Account {
    private final long postedBefore;
    private final long heldBefore;
    private long postedLocked;
    private long heldLocked;
    long posted;
    long held;

    private Account(long posted, long held) {
      this.postedBefore = posted;
      this.heldBefore = held;
      this.posted = posted;
      this.held = held;
    }

    private void locked() {
      postedLocked = posted;
      heldLocked = held;
    }

    private void reset() {
      posted = postedLocked;
      held = heldLocked;
    }

    /** limit - posted - held: negative after an overage. */
    Money available(Money limit) {
      return Money.ofNanoUsd(Math.subtractExact(Math.subtractExact(limit.nanoUsd(), posted), held));
    }
  }

  private final Map<AccountKey, Account> accounts;
  private final List<PartRow> dropped;

  private LockedAccounts(Map<AccountKey, Account> accounts, List<PartRow> dropped) {
    this.accounts = accounts;
    this.dropped = dropped;
  }

  /**
   * Creates the missing accounts, locks them all in {@link BudgetRows#LOCK_ORDER}, and drops their
   * parts that expired by {@code now} and every part of {@code holdId} on them (null: none).
   */
  static LockedAccounts lock(Tx tx, Collection<AccountKey> wanted, Instant now, String holdId) {
    // Repeats out first (a batch names each account once per settlement): the lock order's
    // comparison encodes both keys, and sorting thousands of repeats was a tenth of a drain.
    TreeSet<AccountKey> sorted = new TreeSet<>(BudgetRows.LOCK_ORDER);
    sorted.addAll(new HashSet<>(wanted));
    Map<AccountKey, Account> accounts = new LinkedHashMap<>();
    if (sorted.isEmpty()) {
      return new LockedAccounts(accounts, List.of());
    }
    List<AccountKey> keys = new ArrayList<>(sorted);
    BudgetMapper budgets = tx.mapper(BudgetMapper.class);
    budgets.ensureAccounts(keys);
    for (AccountRow row : budgets.lockAccounts(keys)) {
      accounts.put(
          new AccountKey(row.scopeKey(), row.windowStart()),
          new Account(row.postedNanoUsd(), row.heldNanoUsd()));
    }
    if (accounts.size() != keys.size()) {
      throw new Db.RaceLost("accounts " + keys + " were not all there to lock");
    }
    List<PartRow> dropped = tx.mapper(HoldMapper.class).dropParts(keys, now, holdId);
    for (PartRow part : dropped) {
      Account account = accounts.get(new AccountKey(part.scopeKey(), part.windowStart()));
      account.held = Math.subtractExact(account.held, part.amountNanoUsd());
    }
    accounts.values().forEach(Account::locked);
    return new LockedAccounts(accounts, dropped);
  }

  /** Drops every part of these holds (all on accounts locked here) and their held amounts. */
  void dropHolds(Tx tx, List<String> holdIds) {
    if (holdIds.isEmpty()) {
      return;
    }
    for (PartRow part : tx.mapper(HoldMapper.class).dropHoldParts(holdIds)) {
      Account account = accounts.get(new AccountKey(part.scopeKey(), part.windowStart()));
      if (account == null) {
        throw new IllegalStateException("part of " + part.holdId() + " on an unlocked account");
      }
      account.held = Math.subtractExact(account.held, part.amountNanoUsd());
    }
  }

  /**
   * Back to the totals {@link #lock} left (its expired parts dropped): what this transaction
   * computed since is forgotten, to compute it again for fewer postings.
   */
  void reset() {
    accounts.values().forEach(Account::reset);
  }

  Account get(AccountKey key) {
    return accounts.get(key);
  }

  /** The parts {@link #lock} dropped. */
  List<PartRow> dropped() {
    return dropped;
  }

  /** Writes what changed, in lock order (every row is already locked). */
  void flush(Tx tx) {
    List<AccountDelta> deltas = new ArrayList<>();
    accounts.forEach((key, a) -> {
      if (a.posted != a.postedBefore || a.held != a.heldBefore) {
        deltas.add(new AccountDelta(key.scopeKey(), key.windowStart(),
            Math.subtractExact(a.held, a.heldBefore),
            Math.subtractExact(a.posted, a.postedBefore)));
      }
    });
    if (!deltas.isEmpty()) {
      tx.mapper(BudgetMapper.class).adjustAccounts(deltas);
    }
  }

  /** How many accounts the dropped parts were on. */
  int accountsWithDroppedParts() {
    return (int) dropped.stream().map(p -> new AccountKey(p.scopeKey(), p.windowStart()))
        .distinct().count();
  }
}
