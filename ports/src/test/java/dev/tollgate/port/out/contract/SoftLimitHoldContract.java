package dev.tollgate.port.out.contract;

import static dev.tollgate.port.out.contract.Fixtures.T0;
import static dev.tollgate.port.out.contract.Fixtures.usd;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.budget.BudgetPeriod;
import dev.tollgate.domain.budget.HoldId;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.port.out.BudgetStore;
import dev.tollgate.port.out.HoldOutcome;
import dev.tollgate.port.out.HoldRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a {@link BudgetStore} reports about soft limits when it places a hold
 * ({@link HoldOutcome.Held#pastSoftLimit()}): the fact a tenant's demotion policy acts on at
 * admission, without a read of its own. Posted spend counts, holds do not; reaching the soft limit
 * exactly counts; the report ends when the period turns.
 */
public abstract class SoftLimitHoldContract {

  private static final Duration HOLD_TTL = Duration.ofMinutes(5);

  /** A store for this test; it may hold other tests' budgets, never budgets on these scopes. */
  protected abstract BudgetStore newStore();

  private final Fixtures f = new Fixtures();
  private BudgetStore store;

  @BeforeEach
  void openStore() {
    store = newStore();
  }

  private HoldOutcome.Held hold(HoldId id, List<Scope> scopes, String amount, Instant now) {
    return (HoldOutcome.Held)
        store.placeHold(new HoldRequest(id, scopes, usd(amount), now, now.plus(HOLD_TTL)));
  }

  private void spend(List<Scope> scopes, String amount, Instant now) {
    HoldId id = f.holdId();
    hold(id, scopes, amount, now);
    store.settle(id, scopes, now, usd(amount), now);
  }

  private Scope softBudget(String limit, String soft, BudgetPeriod period) {
    Scope scope = f.tenantScope();
    store.putBudget(new Budget(scope, usd(limit), period, Optional.of(usd(soft))));
    return scope;
  }

  @Test
  void aHoldBelowTheSoftLimitIsNotPastIt() {
    Scope scope = softBudget("10", "5", BudgetPeriod.lifetime());
    spend(List.of(scope), "4.99", T0);

    assertThat(hold(f.holdId(), List.of(scope), "1", T0).pastSoftLimit()).isFalse();
  }

  @Test
  void postedSpendAtTheSoftLimitIsPastItAndHoldsAloneAreNot() {
    Scope scope = softBudget("20", "5", BudgetPeriod.lifetime());
    assertThat(hold(f.holdId(), List.of(scope), "6", T0).pastSoftLimit()).isFalse();

    spend(List.of(scope), "3", T0);
    assertThat(hold(f.holdId(), List.of(scope), "0.1", T0).pastSoftLimit()).isFalse();
    spend(List.of(scope), "2", T0.plusSeconds(1)); // 5: exactly at the soft limit

    assertThat(hold(f.holdId(), List.of(scope), "0.1", T0.plusSeconds(2)).pastSoftLimit())
        .isTrue();
  }

  @Test
  void anyBudgetPastItsSoftLimitMarksTheHold() {
    Scope tenant = softBudget("100", "90", BudgetPeriod.lifetime());
    Scope key = softBudget("10", "1", BudgetPeriod.lifetime());
    spend(List.of(tenant, key), "2", T0);

    assertThat(hold(f.holdId(), List.of(tenant, key), "1", T0).pastSoftLimit()).isTrue();
    assertThat(hold(f.holdId(), List.of(tenant), "1", T0).pastSoftLimit()).isFalse();
  }

  @Test
  void aRetriedHoldReportsItToo() {
    Scope scope = softBudget("10", "1", BudgetPeriod.lifetime());
    spend(List.of(scope), "1", T0);
    HoldId id = f.holdId();
    hold(id, List.of(scope), "1", T0);

    assertThat(hold(id, List.of(scope), "1", T0.plusSeconds(1)).pastSoftLimit()).isTrue();
  }

  @Test
  void theReportEndsWhenThePeriodTurns() {
    Scope scope = softBudget("10", "1", BudgetPeriod.daily());
    spend(List.of(scope), "2", T0);
    assertThat(hold(f.holdId(), List.of(scope), "1", T0).pastSoftLimit()).isTrue();

    assertThat(hold(f.holdId(), List.of(scope), "1", T0.plus(Duration.ofDays(1))).pastSoftLimit())
        .isFalse();
  }

  @Test
  void withoutASoftLimitNothingIsPastIt() {
    Scope scope = f.tenantScope();
    store.putBudget(Budget.of(scope, usd("10"), BudgetPeriod.lifetime()));
    spend(List.of(scope), "9", T0);

    assertThat(hold(f.holdId(), List.of(scope), "1", T0).pastSoftLimit()).isFalse();
  }
}
