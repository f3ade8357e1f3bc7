package dev.tollgate.domain.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.domain.admission.Admission.Denied;
import dev.tollgate.domain.budget.BudgetPeriod;
import dev.tollgate.domain.budget.PeriodWindow;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.key.KeyHash;
import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.key.VirtualKey;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.rate.RateDecision;
import dev.tollgate.domain.rate.RateKind;
import dev.tollgate.domain.rate.SlotPool;
import dev.tollgate.domain.tenancy.Owner;
import dev.tollgate.domain.tenancy.TeamId;
import dev.tollgate.domain.tenancy.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AdmissionPolicyTest {

  private static final Instant NOW = Instant.parse("2025-03-10T12:00:00Z");
  private static final ModelName MINI = ModelName.of("gpt-4o-mini");
  private static final ModelName BIG = ModelName.of("gpt-4o");
  private static final Scope KEY = Scope.key(KeyId.of("k1"));

  private static VirtualKey key(boolean blocked, Optional<Instant> expiresAt) {
    return new VirtualKey(
        KeyId.of("k1"),
        new KeyHash("0".repeat(64)),
        Owner.tenant(TenantId.of("t1")),
        "ci",
        "sk-tg-…abcd",
        Set.of(MINI),
        expiresAt,
        blocked,
        NOW.minusSeconds(86_400));
  }

  @Test
  void a_usable_key_on_an_allowed_model_passes() {
    assertThat(AdmissionPolicy.checkKey(key(false, Optional.of(NOW.plusSeconds(1))), MINI, NOW))
        .isEmpty();
  }

  @Test
  void a_blocked_key_is_denied_first_and_without_a_retry_hint() {
    Optional<Denied> denied =
        AdmissionPolicy.checkKey(key(true, Optional.of(NOW.minusSeconds(1))), BIG, NOW);

    assertThat(denied).hasValueSatisfying(d -> {
      assertThat(d.reason()).isEqualTo(DenialReason.KEY_BLOCKED);
      assertThat(d.retryAfter()).isEmpty();
    });
  }

  @Test
  void a_key_is_denied_as_expired_from_its_exact_expiry_instant() {
    Optional<Denied> denied = AdmissionPolicy.checkKey(key(false, Optional.of(NOW)), MINI, NOW);

    assertThat(denied.map(Denied::reason)).contains(DenialReason.KEY_EXPIRED);
    assertThat(denied.flatMap(Denied::retryAfter)).isEmpty();
  }

  @Test
  void a_model_outside_the_allow_list_is_denied_by_name() {
    Optional<Denied> denied = AdmissionPolicy.checkKey(key(false, Optional.empty()), BIG, NOW);

    assertThat(denied).hasValueSatisfying(d -> {
      assertThat(d.reason()).isEqualTo(DenialReason.MODEL_NOT_ALLOWED);
      assertThat(d.message()).contains("'gpt-4o'");
      assertThat(d.retryAfter()).isEmpty();
    });
  }

  @Test
  void a_request_rate_denial_retries_when_the_window_has_room() {
    RateDecision.Limited limited = new RateDecision.Limited(Duration.ofMillis(1_500), 60, 60);

    Denied denied = AdmissionPolicy.rateLimited(KEY, RateKind.REQUESTS, limited);

    assertThat(denied.reason()).isEqualTo(DenialReason.REQUEST_RATE_LIMITED);
    assertThat(denied.retryAfter()).contains(Duration.ofMillis(1_500));
    assertThat(denied.message())
        .isEqualTo(
            "Rate limit reached for key k1: 60 requests per window, 60 used. Retry after 2s.");
  }

  @Test
  void a_token_rate_denial_names_tokens_and_never_says_zero_seconds() {
    RateDecision.Limited limited = new RateDecision.Limited(Duration.ofMillis(1), 900, 1_000);

    Denied denied = AdmissionPolicy.rateLimited(KEY, RateKind.TOKENS, limited);

    assertThat(denied.reason()).isEqualTo(DenialReason.TOKEN_RATE_LIMITED);
    assertThat(denied.retryAfter()).contains(Duration.ofMillis(1));
    assertThat(denied.message()).contains("1000 tokens per window, 900 used").endsWith("1s.");
  }

  @Test
  void a_parallel_denial_suggests_the_busy_retry() {
    Denied denied = AdmissionPolicy.parallelLimited(KEY, 4);

    assertThat(denied.reason()).isEqualTo(DenialReason.PARALLEL_LIMITED);
    assertThat(denied.retryAfter()).contains(SlotPool.BUSY_RETRY_AFTER);
    assertThat(denied.message()).contains("limit 4");
  }

  @Test
  void a_budget_denial_retries_once_the_period_has_turned() {
    PeriodWindow today = BudgetPeriod.daily().windowAt(NOW);

    Denied denied =
        AdmissionPolicy.budgetExhausted(KEY, Money.usd("0.5"), Money.usd("2"), today, NOW);

    assertThat(denied.reason()).isEqualTo(DenialReason.BUDGET_EXHAUSTED);
    Duration untilEnd = Duration.between(NOW, today.end());
    assertThat(denied.retryAfter()).hasValueSatisfying(retry -> {
      assertThat(retry)
          .isGreaterThanOrEqualTo(untilEnd)
          .isLessThanOrEqualTo(untilEnd.plusSeconds(1));
      assertThat(BudgetPeriod.daily().windowAt(NOW.plus(retry)).start()).isEqualTo(today.end());
    });
    assertThat(denied.message())
        .isEqualTo(
            "Budget exceeded for key k1: this request may cost up to $2.00 and $0.50 remains"
                + " until 2025-03-11T00:00:00Z.");
  }

  @Test
  void a_budget_blocked_by_holds_in_flight_retries_shortly_not_at_the_period_end() {
    PeriodWindow today = BudgetPeriod.daily().windowAt(NOW);

    Denied denied = AdmissionPolicy.budgetExhausted(
        KEY, Money.usd("0.5"), Money.usd("1.5"), Money.usd("2"), today, NOW);

    assertThat(denied.retryAfter()).contains(AdmissionPolicy.HELD_RETRY_AFTER);
    assertThat(denied.message()).isEqualTo("Budget exceeded for key k1: this request may cost up"
        + " to $2.00 and $0.50 remains while requests in flight hold $1.50 of it.");
  }

  @Test
  void a_budget_whose_posted_spend_alone_blocks_retries_at_the_period_end_despite_holds() {
    PeriodWindow today = BudgetPeriod.daily().windowAt(NOW);

    Denied denied = AdmissionPolicy.budgetExhausted(
        KEY, Money.usd("0.5"), Money.usd("1.49"), Money.usd("2"), today, NOW);

    assertThat(denied.retryAfter()).hasValueSatisfying(
        retry -> assertThat(retry).isGreaterThan(Duration.between(NOW, today.end())));
  }

  @Test
  void a_lifetime_budget_denial_has_no_retry_hint() {
    Denied denied =
        AdmissionPolicy.budgetExhausted(
            KEY, Money.ZERO, Money.usd("1"), PeriodWindow.LIFETIME, NOW);

    assertThat(denied.retryAfter()).isEmpty();
    assertThat(denied.message()).endsWith("$0.00 remains.");
  }

  @Test
  void a_budget_overdrawn_by_an_overage_reports_nothing_remaining_not_a_negative_amount() {
    Denied denied =
        AdmissionPolicy.budgetExhausted(
            KEY, Money.usd("-3"), Money.usd("1"), PeriodWindow.LIFETIME, NOW);

    assertThat(denied.message()).contains("$0.00 remains").doesNotContain("-");
  }

  @Test
  void every_scope_is_described_for_the_client() {
    assertThat(AdmissionPolicy.describe(Scope.tenant(TenantId.of("t1")))).isEqualTo("tenant t1");
    assertThat(AdmissionPolicy.describe(Scope.team(TenantId.of("t1"), TeamId.of("tm1"))))
        .isEqualTo("team tm1 of tenant t1");
    assertThat(AdmissionPolicy.describe(KEY)).isEqualTo("key k1");
    assertThat(AdmissionPolicy.describe(Scope.keyModel(KeyId.of("k1"), MINI)))
        .isEqualTo("key k1 on model gpt-4o-mini");
  }

  @Test
  void a_denial_requires_reason_message_and_retry_hint() {
    assertThat(Denied.of(DenialReason.UNKNOWN_KEY, "Unknown API key.").retryAfter()).isEmpty();
    assertThatThrownBy(() -> new Denied(DenialReason.UNKNOWN_KEY, null, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Denied(null, "x", Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
