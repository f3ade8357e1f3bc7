package dev.tollgate.embedding;

import static dev.tollgate.embedding.ServiceFixture.ACME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.domain.admission.Admission.Denied;
import dev.tollgate.domain.admission.DenialReason;
import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.budget.BudgetPeriod;
import dev.tollgate.domain.ledger.RequestId;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.rate.ParallelLimit;
import dev.tollgate.domain.rate.RateKind;
import dev.tollgate.domain.rate.RateLimit;
import dev.tollgate.domain.tenancy.NearLimitPolicy;
import dev.tollgate.domain.tenancy.NearLimitPolicy.PastSoftBudget;
import dev.tollgate.domain.tenancy.NearLimitPolicy.WhenExhausted;
import dev.tollgate.domain.tenancy.TenantPolicy;
import dev.tollgate.port.out.StoreUnavailableException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What admission gives back when a later step refuses or its store throws: the rate counts it
 * made (each receipt adjusted back), then the parallel slots it took, in that order, and no money
 * held. A store failure still reaches the caller. The tenant has a limit of every kind, so each
 * step takes something (two rate receipts: requests and tokens).
 */
class AdmissionUndoTest {

  private static final List<String> SLOT_THEN_RATE =
      List.of("slots.tryAcquire", "rates.tryAcquire");
  private static final List<String> RATE_COUNTS_THEN_SLOTS_BACK =
      List.of("rates.adjust", "rates.adjust", "slots.release");

  private final StepRecordingStores recording = new StepRecordingStores();
  private final ServiceFixture fixture = new ServiceFixture(recording.stores);

  @BeforeEach
  void countEverything() {
    fixture.countEverything();
    recording.clear();
  }

  @Test
  void a_rate_store_failure_gives_back_the_slots_and_reaches_the_caller() {
    recording.failAt("rates.tryAcquire", 1);

    assertThatThrownBy(() -> fixture.ask(100, 100)).isInstanceOf(StoreUnavailableException.class);

    assertThat(recording.steps()).containsExactly(
        "slots.tryAcquire", "rates.tryAcquire", "slots.release");
    assertThat(fixture.footprint()).isEqualTo(ServiceFixture.Footprint.NOTHING);
  }

  @Test
  void a_token_window_refusal_gives_back_the_slots() {
    fixture.tollgate.limits().setRateLimit(
        RateLimit.perMinute(fixture.keyScope(), RateKind.TOKENS, 100));

    assertThat(((Denied) fixture.ask(100, 100)).reason())
        .isEqualTo(DenialReason.TOKEN_RATE_LIMITED);

    assertThat(recording.steps()).containsExactly(
        "slots.tryAcquire", "rates.tryAcquire", "slots.release");
    assertThat(fixture.footprint()).isEqualTo(ServiceFixture.Footprint.NOTHING);
  }

  @Test
  void a_budget_store_failure_gives_back_the_rate_counts_then_the_slots() {
    recording.failAt("budgets.placeHold", 1);

    assertThatThrownBy(() -> fixture.ask(100, 100)).isInstanceOf(StoreUnavailableException.class);

    assertThat(recording.steps()).isEqualTo(steps(SLOT_THEN_RATE, List.of("budgets.placeHold"),
        RATE_COUNTS_THEN_SLOTS_BACK));
    assertThat(fixture.footprint()).isEqualTo(ServiceFixture.Footprint.NOTHING);
  }

  @Test
  void a_budget_refusal_gives_back_the_rate_counts_then_the_slots() {
    fixture.tollgate.budgets().setBudget(
        Budget.of(fixture.keyScope(), Money.ofNanoUsd(1), BudgetPeriod.monthly()));

    assertThat(((Denied) fixture.ask(100, 100)).reason())
        .isEqualTo(DenialReason.BUDGET_EXHAUSTED);

    assertThat(recording.steps()).isEqualTo(steps(SLOT_THEN_RATE, List.of("budgets.placeHold"),
        RATE_COUNTS_THEN_SLOTS_BACK));
    assertThat(fixture.footprint()).isEqualTo(ServiceFixture.Footprint.NOTHING);
  }

  @Test
  void a_failure_of_the_clamped_second_hold_gives_back_everything() {
    clampingWithAKeyBudgetFor100Out(64);
    recording.failAt("budgets.placeHold", 2);

    assertThatThrownBy(() -> fixture.ask(100, 500)).isInstanceOf(StoreUnavailableException.class);

    assertThat(recording.steps()).isEqualTo(steps(SLOT_THEN_RATE,
        List.of("budgets.placeHold", "budgets.placeHold"), RATE_COUNTS_THEN_SLOTS_BACK));
    assertThat(fixture.footprint()).isEqualTo(ServiceFixture.Footprint.NOTHING);
  }

  @Test
  void a_clamp_below_the_minimum_output_is_refused_and_gives_back_everything() {
    clampingWithAKeyBudgetFor100Out(101);

    assertThat(((Denied) fixture.ask(100, 500)).reason())
        .isEqualTo(DenialReason.BUDGET_EXHAUSTED);

    assertThat(recording.steps()).isEqualTo(steps(SLOT_THEN_RATE, List.of("budgets.placeHold"),
        RATE_COUNTS_THEN_SLOTS_BACK));
    assertThat(fixture.footprint()).isEqualTo(ServiceFixture.Footprint.NOTHING);
  }

  @Test
  void a_parallel_refusal_is_the_first_counting_step_and_has_nothing_to_give_back() {
    fixture.tollgate.limits().setParallelLimit(new ParallelLimit(fixture.keyScope(), 1));
    fixture.admitted(10, 10);
    ServiceFixture.Footprint before = fixture.footprint();
    recording.clear();

    assertThat(((Denied) fixture.ask(100, 100)).reason())
        .isEqualTo(DenialReason.PARALLEL_LIMITED);

    assertThat(recording.steps()).containsExactly("slots.tryAcquire");
    assertThat(fixture.footprint()).isEqualTo(before);
  }

  @Test
  void a_request_window_refusal_gives_back_the_slots() {
    fixture.tollgate.limits().setRateLimit(
        RateLimit.perMinute(fixture.keyScope(), RateKind.REQUESTS, 1));
    fixture.admitted(10, 10);
    ServiceFixture.Footprint before = fixture.footprint();
    recording.clear();

    assertThat(((Denied) fixture.ask(100, 100)).reason())
        .isEqualTo(DenialReason.REQUEST_RATE_LIMITED);

    assertThat(recording.steps()).containsExactly(
        "slots.tryAcquire", "rates.tryAcquire", "slots.release");
    assertThat(fixture.footprint()).isEqualTo(before);
  }

  @Test
  void a_duplicate_request_gives_back_its_rate_counts_but_not_the_originals_slot() {
    RequestId id = RequestId.of("twice");
    fixture.ask(fixture.key(), ServiceFixture.MODEL.value(), id, 10, 10, 1);
    ServiceFixture.Footprint before = fixture.footprint();
    recording.clear();

    Denied denied = (Denied) fixture.ask(fixture.key(), ServiceFixture.MODEL.value(), id, 10, 20, 1);

    assertThat(denied.reason()).isEqualTo(DenialReason.DUPLICATE_REQUEST);
    assertThat(recording.steps()).isEqualTo(steps(SLOT_THEN_RATE, List.of("budgets.placeHold"),
        List.of("rates.adjust", "rates.adjust")));
    assertThat(fixture.footprint()).isEqualTo(before);
  }

  @Test
  void a_clamped_hold_refused_by_a_second_budget_gives_back_everything() {
    clampingWithAKeyBudgetFor100Out(64);
    // The tenant's budget can pay even less than the key's: the clamped try is refused again.
    fixture.tollgate.budgets().setBudget(
        Budget.of(ServiceFixture.TENANT, Money.ofNanoUsd(120_000), BudgetPeriod.monthly()));
    recording.clear();

    assertThat(((Denied) fixture.ask(100, 500)).reason())
        .isEqualTo(DenialReason.BUDGET_EXHAUSTED);

    assertThat(recording.steps()).startsWith("slots.tryAcquire", "rates.tryAcquire")
        .endsWith("rates.adjust", "rates.adjust", "slots.release")
        .doesNotContain("budgets.settle", "budgets.release");
    assertThat(fixture.footprint()).isEqualTo(ServiceFixture.Footprint.NOTHING);
  }

  /** 300,000 nano-USD on the key: 100 tokens in (100,000) and 100 out (200,000). */
  private void clampingWithAKeyBudgetFor100Out(long minOutputTokens) {
    fixture.stores.tenants().put(TenantPolicy.open(ACME).withNearLimit(new NearLimitPolicy(
        WhenExhausted.CLAMP, minOutputTokens, PastSoftBudget.NONE, "sheddable")));
    fixture.tollgate.budgets().setBudget(
        Budget.of(fixture.keyScope(), Money.ofNanoUsd(300_000), BudgetPeriod.monthly()));
  }

  @SafeVarargs
  @SuppressWarnings("varargs") // only read, never stored: javac's -Xlint:varargs still asks
  private static List<String> steps(List<String>... parts) {
    return java.util.Arrays.stream(parts).flatMap(List::stream).toList();
  }
}
