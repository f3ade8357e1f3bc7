package dev.tollgate.adapter.local;

import dev.tollgate.domain.budget.HoldId;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.ledger.RequestId;
import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.tenancy.Owner;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.domain.usage.TokenUsage;
import dev.tollgate.domain.usage.UsageSource;
import dev.tollgate.port.out.BudgetStore;
import dev.tollgate.port.out.HoldOutcome;
import dev.tollgate.port.out.HoldRequest;
import dev.tollgate.port.out.SpendLedger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One replica as the engine drives it: admit (hold), record the spend in its journal, settle
 * locally; the journal is forwarded to the ledger (and the shared budgets) when the test says.
 */
final class Replica {

  static final TenantId TENANT = TenantId.of("acme");
  static final KeyId KEY = KeyId.of("key_1");
  static final ModelName MODEL = ModelName.of("m");
  static final List<Scope> SCOPES =
      List.of(Scope.tenant(TENANT), Scope.key(KEY), Scope.keyModel(KEY, MODEL));

  final LeasedBudgetStore budgets;
  final SpendLedger posting;
  final Clock clock;
  private final List<SpendEntry> journal = new ArrayList<>();

  Replica(String name, BudgetStore shared, SpendLedger ledger, LeaseSettings settings, Clock clock,
      StoreHealth health) {
    this.budgets = new LeasedBudgetStore(shared, settings, name, health);
    this.posting = new BudgetPostingLedger(ledger, shared, budgets, clock);
    this.clock = clock;
  }

  /** Admits a request holding {@code max}; if admitted, journals and settles {@code actual}. */
  boolean request(String id, Money max, Money actual) {
    Instant now = clock.instant();
    HoldId hold = HoldId.forRequest(RequestId.of(id));
    HoldOutcome outcome = budgets.placeHold(
        new HoldRequest(hold, SCOPES, max, now, now.plus(Duration.ofMinutes(15))));
    if (!(outcome instanceof HoldOutcome.Held)) {
      return false;
    }
    synchronized (journal) {
      journal.add(entry(id, actual, now));
    }
    budgets.settle(hold, SCOPES, now, actual, now);
    return true;
  }

  /** Forwards what the journal holds, as the journal's forwarder does. */
  void forward() {
    List<SpendEntry> batch;
    synchronized (journal) {
      batch = List.copyOf(journal);
      journal.clear();
    }
    if (!batch.isEmpty()) {
      posting.appendAll(batch);
    }
  }

  /** What a restarted process replays: everything this one journaled, posted or not. */
  List<SpendEntry> journal() {
    synchronized (journal) {
      return List.copyOf(journal);
    }
  }

  static SpendEntry entry(String id, Money cost, Instant at) {
    return new SpendEntry(RequestId.of(id), Owner.tenant(TENANT), KEY, MODEL, Optional.empty(),
        TokenUsage.of(10, 10), UsageSource.REPORTED, cost, Instant.EPOCH, at, at, false);
  }
}
