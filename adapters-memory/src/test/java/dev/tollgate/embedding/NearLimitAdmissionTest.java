package dev.tollgate.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.memory.InMemoryStores;
import dev.tollgate.domain.admission.Admission;
import dev.tollgate.domain.admission.AdmissionTicket;
import dev.tollgate.domain.admission.DenialReason;
import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.budget.BudgetPeriod;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.key.ApiKeySecret;
import dev.tollgate.domain.ledger.RequestId;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.pricing.ModelSpec;
import dev.tollgate.domain.pricing.PricePerMillion;
import dev.tollgate.domain.pricing.PriceVersion;
import dev.tollgate.domain.pricing.TokenPrices;
import dev.tollgate.domain.rate.RateKind;
import dev.tollgate.domain.rate.RateLimit;
import dev.tollgate.domain.tenancy.NearLimitPolicy.PastSoftBudget;
import dev.tollgate.domain.tenancy.NearLimitPolicy.WhenExhausted;
import dev.tollgate.domain.tenancy.NearLimitPolicy;
import dev.tollgate.domain.tenancy.Owner;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.domain.tenancy.TenantPolicy;
import dev.tollgate.domain.usage.TokenUsage;
import dev.tollgate.port.in.AuthorizeCommand;
import dev.tollgate.port.in.IssueKeyCommand;
import dev.tollgate.port.in.IssuedKey;
import dev.tollgate.port.in.SettleCommand;
import dev.tollgate.port.out.Stores;
import dev.tollgate.service.Tollgate;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The two near-limit policies through the real admission service on in-memory stores: clamp
 * instead of refuse, and demotion past a soft budget.
 */
class NearLimitAdmissionTest {

  private static final ModelName MODEL = ModelName.of("m");
  private static final TenantId ACME = TenantId.of("acme");
  private static final Instant NOW = Instant.parse("2030-03-14T10:00:00Z");

  /** $1 per million in, $2 per million out: 1,000 nano-USD a token in, 2,000 a token out. */
  private static final TokenPrices PRICES =
      TokenPrices.of(PricePerMillion.usd("1"), PricePerMillion.usd("2"));

  private final Stores stores = InMemoryStores.create();
  private final Tollgate tollgate =
      Tollgate.create(stores, Clock.fixed(NOW, ZoneOffset.UTC), new SecureRandom());
  private final ApiKeySecret key;
  private int requests;

  NearLimitAdmissionTest() {
    tollgate.models().serve(ModelSpec.of(MODEL, 4_096));
    tollgate.prices().addPrice(new PriceVersion(MODEL, Instant.EPOCH, PRICES));
    IssuedKey issued = tollgate.issueKey().issue(IssueKeyCommand.forOwner(Owner.tenant(ACME), "k"));
    key = issued.secret();
  }

  private void policy(WhenExhausted exhausted, long minOutput, PastSoftBudget soft) {
    stores.tenants().put(TenantPolicy.open(ACME)
        .withNearLimit(new NearLimitPolicy(exhausted, minOutput, soft, "sheddable")));
  }

  private void budget(long limitNanoUsd, Optional<Money> soft) {
    tollgate.budgets().setBudget(new Budget(Scope.tenant(ACME), Money.ofNanoUsd(limitNanoUsd),
        BudgetPeriod.monthly(), soft));
  }

  private Admission ask(long prompt, long maxTokens) {
    return tollgate.authorize().authorize(
        AuthorizeCommand.of(key, MODEL, RequestId.of("r" + ++requests), prompt, maxTokens));
  }

  @Test
  void a_clamping_tenant_is_admitted_with_what_its_budget_can_pay() {
    policy(WhenExhausted.CLAMP, 64, PastSoftBudget.NONE);
    budget(300_000, Optional.empty()); // 100 in (100,000) + 100 out (200,000)

    AdmissionTicket ticket = ((Admission.Admitted) ask(100, 500)).ticket();

    assertThat(ticket.clampedCompletionTokens()).hasValue(100);
    assertThat(ticket.heldAmount()).isEqualTo(Money.ofNanoUsd(300_000));
    assertThat(ticket.tightestBudgetRemaining()).contains(Money.ZERO);
    assertThat(ticket.estimatedTokens()).isEqualTo(200);
  }

  @Test
  void a_refusing_tenant_is_refused_as_before() {
    policy(WhenExhausted.REFUSE, 64, PastSoftBudget.NONE);
    budget(300_000, Optional.empty());

    assertThat(((Admission.Denied) ask(100, 500)).reason())
        .isEqualTo(DenialReason.BUDGET_EXHAUSTED);
    assertThat(((Admission.Admitted) ask(100, 100)).ticket().clampedCompletionTokens()).isEmpty();
  }

  @Test
  void a_clamp_shorter_than_the_minimum_output_is_refused_and_holds_nothing() {
    policy(WhenExhausted.CLAMP, 101, PastSoftBudget.NONE);
    budget(300_000, Optional.empty());

    assertThat(((Admission.Denied) ask(100, 500)).reason())
        .isEqualTo(DenialReason.BUDGET_EXHAUSTED);
    assertThat(tollgate.spend().budget(Scope.tenant(ACME)).orElseThrow().held())
        .isEqualTo(Money.ZERO);
  }

  @Test
  void the_token_window_keeps_only_the_clamped_bound() {
    policy(WhenExhausted.CLAMP, 64, PastSoftBudget.NONE);
    budget(300_000, Optional.empty());
    tollgate.limits().setRateLimit(RateLimit.perMinute(Scope.tenant(ACME), RateKind.TOKENS, 10_000));

    AdmissionTicket ticket = ((Admission.Admitted) ask(100, 500)).ticket();

    assertThat(ticket.rateReceipts()).filteredOn(r -> r.kind() == RateKind.TOKENS)
        .singleElement().satisfies(r -> {
          assertThat(r.amount()).isEqualTo(200);
          assertThat(r.remaining()).isEqualTo(9_800);
        });
    assertThat(stores.rates().usage(Scope.tenant(ACME), RateKind.TOKENS, NOW).orElseThrow().used())
        .isEqualTo(200);
    tollgate.settle().settle(SettleCommand.completed(ticket, TokenUsage.of(100, 40)));
    assertThat(stores.rates().usage(Scope.tenant(ACME), RateKind.TOKENS, NOW).orElseThrow().used())
        .isEqualTo(140);
  }

  @Test
  void the_tightest_of_several_budgets_sets_the_clamp() {
    policy(WhenExhausted.CLAMP, 64, PastSoftBudget.NONE);
    budget(1_000_000, Optional.empty());
    AdmissionTicket first = ((Admission.Admitted) ask(1, 1)).ticket();
    tollgate.budgets().setBudget(Budget.of(
        Scope.key(first.key().id()), Money.ofNanoUsd(300_000), BudgetPeriod.monthly()));

    AdmissionTicket ticket = ((Admission.Admitted) ask(100, 500)).ticket();

    // the tenant's 997,000 left would pay 448 out; the key's 300,000 pay 100
    assertThat(ticket.clampedCompletionTokens()).hasValue(100);
  }

  @Test
  void a_demoting_tenant_past_its_soft_budget_gets_the_sheddable_objective() {
    policy(WhenExhausted.REFUSE, 64, PastSoftBudget.DEMOTE);
    budget(10_000_000, Optional.of(Money.ofNanoUsd(300_000)));

    AdmissionTicket before = ((Admission.Admitted) ask(100, 100)).ticket();
    assertThat(before.demoted()).isFalse();
    assertThat(before.objective()).isEmpty();
    tollgate.settle().settle(SettleCommand.completed(before, TokenUsage.of(100, 100)));

    AdmissionTicket after = ((Admission.Admitted) ask(100, 100)).ticket();
    assertThat(after.demoted()).isTrue();
    assertThat(after.objective()).contains("sheddable");
  }

  @Test
  void a_tenant_without_the_demotion_policy_keeps_its_objective_past_the_soft_budget() {
    stores.tenants().put(new TenantPolicy(ACME, java.util.Set.of(), java.util.Map.of(),
        Optional.of("premium"), Optional.empty()));
    budget(10_000_000, Optional.of(Money.ZERO));

    AdmissionTicket ticket = ((Admission.Admitted) ask(100, 100)).ticket();

    assertThat(ticket.demoted()).isFalse();
    assertThat(ticket.objective()).contains("premium");
  }
}
