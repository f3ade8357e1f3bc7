package dev.tollgate.service;

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
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A budget store that reports to {@link AlertDetector} what its holds and settlements already
 * answer (a refusal, a soft limit crossed or passed): no read of its own, one non-blocking queue
 * offer, so the request path gains no round trip. Everything else is passed through.
 */
public final class AlertingBudgetStore implements BudgetStore {

  private final BudgetStore delegate;
  private final AlertDetector detector;

  public AlertingBudgetStore(BudgetStore delegate, AlertDetector detector) {
    this.delegate = delegate;
    this.detector = detector;
  }

  @Override
  public HoldOutcome placeHold(HoldRequest request) {
    HoldOutcome outcome = delegate.placeHold(request);
    reportHold(detector, request, outcome);
    return outcome;
  }

  /** Tells the detector what a hold's outcome means for alerts: one queue offer at most. */
  static void reportHold(AlertDetector detector, HoldRequest request, HoldOutcome outcome) {
    if (detector.watchesBudgets() && !request.scopes().isEmpty()) {
      switch (outcome) {
        case HoldOutcome.Held held when held.tightestRemaining().isPresent() ->
            detector.offer(new AlertSignal.Held(AlertSignal.tenantOf(request.scopes()),
                request.scopes(), held.pastSoftLimit(), request.now()));
        case HoldOutcome.Refused refused -> detector.offer(new AlertSignal.HoldRefused(
            AlertSignal.tenantOf(request.scopes()), refused.budget(), refused.window(),
            refused.available(), request.now()));
        case HoldOutcome.Held held -> { } // under no budget: nothing to tell
        case HoldOutcome.Conflict conflict -> { }
      }
    }
  }

  @Override
  public Settlement settle(HoldId hold, List<Scope> scopes, Instant heldAt, Money actual, Instant now) {
    Settlement settlement = delegate.settle(hold, scopes, heldAt, actual, now);
    reportSettlement(detector, scopes, settlement, now);
    return settlement;
  }

  /** Tells the detector which scopes a settlement took past their soft limit. */
  static void reportSettlement(AlertDetector detector, List<Scope> scopes, Settlement settlement,
      Instant now) {
    if (detector.watchesBudgets() && !scopes.isEmpty()) {
      for (Settlement.ScopeResult r : settlement.results()) {
        if (r.result().crossedSoftLimit()) {
          detector.offer(new AlertSignal.SoftLimitCrossed(AlertSignal.tenantOf(scopes), r.scope(), now));
        }
      }
    }
  }

  @Override
  public void putBudget(Budget budget) {
    delegate.putBudget(budget);
  }

  @Override
  public boolean removeBudget(Scope scope) {
    return delegate.removeBudget(scope);
  }

  @Override
  public Optional<Budget> budgetOf(Scope scope) {
    return delegate.budgetOf(scope);
  }

  @Override
  public void settleAll(List<Settle> settlements, Instant now) {
    delegate.settleAll(settlements, now);
  }

  @Override
  public boolean release(HoldId hold) {
    return delegate.release(hold);
  }

  @Override
  public int releaseAll(HoldPrefix prefix) {
    return delegate.releaseAll(prefix);
  }

  @Override
  public int expireHolds(Instant now) {
    return delegate.expireHolds(now);
  }

  @Override
  public Optional<BudgetSnapshot> snapshot(Scope scope, Instant now) {
    return delegate.snapshot(scope, now);
  }

  @Override
  public List<BudgetSnapshot> snapshots(List<Scope> scopes, Instant now) {
    return delegate.snapshots(scopes, now);
  }
}
