package dev.tollgate.adapter.local;

import dev.tollgate.domain.budget.HoldId;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.ledger.AppendResult;
import dev.tollgate.domain.ledger.RequestId;
import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.domain.ledger.SpendGroup;
import dev.tollgate.domain.ledger.SpendGrouping;
import dev.tollgate.domain.ledger.SpendQuery;
import dev.tollgate.domain.ledger.SpendSeries;
import dev.tollgate.domain.ledger.SpendTotal;
import dev.tollgate.port.out.BudgetStore;
import dev.tollgate.port.out.SpendLedger;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The ledger the journal forwards to, when budgets are leased: each entry is appended to the real
 * ledger and then its cost is posted on the shared budgets as the settlement of the request's hold
 * id. Both steps are idempotent by request id (the ledger by entry, the budget store by settled
 * hold id), and the journal replays a batch until both succeeded, so the shared budgets' posted
 * amounts follow the ledger exactly once per entry, through outages and kill -9 alike. A
 * replica's lease only has to cover a request until this has run. The two steps can run apart
 * ({@link #appendAllInSteps}): a batch is posted only after it is in the ledger, and the journal
 * counts it forwarded only after both.
 */
public final class BudgetPostingLedger implements SpendLedger {

  private final SpendLedger ledger;
  private final BudgetStore sharedBudgets;
  private final PostingListener listener;
  private final Clock clock;

  public BudgetPostingLedger(
      SpendLedger ledger, BudgetStore sharedBudgets, PostingListener listener, Clock clock) {
    this.ledger = ledger;
    this.sharedBudgets = sharedBudgets;
    this.listener = listener;
    this.clock = clock;
  }

  @Override
  public AppendResult append(SpendEntry entry) {
    return appendAll(List.of(entry)).get(0);
  }

  @Override
  public List<AppendResult> appendAll(List<SpendEntry> entries) {
    return appendAllInSteps(entries).finish();
  }

  /**
   * The ledger's append is the first step, the posting the second: the journal's forwarder posts
   * one batch while the next is appended. Only the posting holds the listener's gate (it moves
   * costs on the shared budgets; the ledger's append does not).
   */
  @Override
  public AppendStep appendAllInSteps(List<SpendEntry> entries) {
    List<AppendResult> results = ledger.appendAll(entries);
    return () -> post(entries, results);
  }

  private List<AppendResult> post(List<SpendEntry> entries, List<AppendResult> results) {
    List<HoldId> posted = new ArrayList<>(entries.size());
    listener.postingStarted();
    try {
      List<BudgetStore.Settle> settlements = new ArrayList<>(entries.size());
      for (int i = 0; i < entries.size(); i++) {
        SpendEntry recorded = results.get(i) instanceof AppendResult.ExistsWithDifferentEvent d
            ? d.recorded() // the ledger kept the first event; the budget follows the ledger
            : entries.get(i);
        settlements.add(settlementOf(recorded));
      }
      sharedBudgets.settleAll(settlements, clock.instant()); // one round trip for the batch
      settlements.forEach(s -> posted.add(s.hold()));
      return results;
    } finally {
      listener.postingFinished(posted);
    }
  }

  /** An entry's cost as the settlement of its request's hold on every scope of its chain. */
  static BudgetStore.Settle settlementOf(SpendEntry entry) {
    return new BudgetStore.Settle(HoldId.forRequest(entry.requestId()),
        Scope.chainOf(entry.owner(), entry.key(), entry.model(), entry.endUser(), entry.tags()),
        entry.startedAt(), entry.cost());
  }

  @Override
  public Optional<SpendEntry> find(RequestId request) {
    return ledger.find(request);
  }

  @Override
  public SpendTotal total(SpendQuery query) {
    return ledger.total(query);
  }

  @Override
  public List<SpendEntry> entries(SpendQuery query, int offset, int limit) {
    return ledger.entries(query, offset, limit);
  }

  // The store's own GROUP BY over its rollup: the interface's defaults would page every entry.
  @Override
  public List<SpendGroup> breakdown(SpendQuery query, SpendGrouping grouping) {
    return ledger.breakdown(query, grouping);
  }

  @Override
  public SpendSeries series(SpendQuery query, SpendGrouping grouping, int top) {
    return ledger.series(query, grouping, top);
  }

  @Override
  public SpendSeries series(SpendQuery query, SpendGrouping grouping, int top, int rows) {
    return ledger.series(query, grouping, top, rows);
  }
}
