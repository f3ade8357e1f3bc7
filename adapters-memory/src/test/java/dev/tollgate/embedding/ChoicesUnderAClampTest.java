package dev.tollgate.embedding;

import static dev.tollgate.embedding.ServiceFixture.ACME;
import static dev.tollgate.embedding.ServiceFixture.MODEL;
import static dev.tollgate.embedding.ServiceFixture.PRICES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.domain.admission.Admission;
import dev.tollgate.domain.admission.AdmissionTicket;
import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.budget.BudgetPeriod;
import dev.tollgate.domain.ledger.RequestId;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.tenancy.NearLimitPolicy;
import dev.tollgate.domain.tenancy.NearLimitPolicy.PastSoftBudget;
import dev.tollgate.domain.tenancy.NearLimitPolicy.WhenExhausted;
import dev.tollgate.domain.tenancy.TenantPolicy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A request for several completions (n, best_of) from a clamping tenant whose budget cannot pay
 * all of them: the clamp sees the whole multiplied bound. The budget, 300,000 nano-USD, pays 100
 * tokens in and 100 out; the request asks for 4 choices of up to 100 tokens each.
 */
class ChoicesUnderAClampTest {

  private static final int CHOICES = 4;

  private final ServiceFixture fixture = new ServiceFixture();

  @BeforeEach
  void clampingTenantWithABudgetForOneChoice() {
    fixture.stores.tenants().put(TenantPolicy.open(ACME).withNearLimit(
        new NearLimitPolicy(WhenExhausted.CLAMP, 10, PastSoftBudget.NONE, "sheddable")));
    fixture.tollgate.budgets().setBudget(
        Budget.of(ServiceFixture.TENANT, Money.ofNanoUsd(300_000), BudgetPeriod.monthly()));
  }

  @Test
  void the_clamp_counts_every_choice_and_holds_no_more_than_the_budget() {
    AdmissionTicket ticket = ask();

    long perChoice = ticket.clampedCompletionTokens().orElseThrow();
    assertThat(ticket.heldAmount()).isLessThanOrEqualTo(Money.ofNanoUsd(300_000));
    assertThat(ticket.estimatedTokens()).isEqualTo(100 + CHOICES * perChoice);
  }

  @Test
  void the_clamped_bound_sent_per_choice_is_held_for_every_choice() {
    AdmissionTicket ticket = ask();

    long perChoice = ticket.clampedCompletionTokens().orElseThrow();
    assertThat(ticket.heldAmount()).isEqualTo(PRICES.maximumCostOf(100, CHOICES * perChoice));
  }

  private AdmissionTicket ask() {
    Admission admission = fixture.ask(fixture.key(), MODEL.value(), RequestId.of("n4"), 100, 100,
        CHOICES);
    return ((Admission.Admitted) admission).ticket();
  }
}
