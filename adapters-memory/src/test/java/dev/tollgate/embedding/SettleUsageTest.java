package dev.tollgate.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.domain.admission.AdmissionTicket;
import dev.tollgate.domain.ledger.AppendResult;
import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.usage.Charge;
import dev.tollgate.domain.usage.TokenUsage;
import dev.tollgate.domain.usage.UsageSource;
import dev.tollgate.port.in.SettleCommand;
import dev.tollgate.port.in.SettlementReceipt;
import dev.tollgate.port.out.StoreUnavailableException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Settlement of every way a call ends, on in-memory stores: usage the upstream reported, usage
 * Tollgate estimated, and a failed call; and a settlement repeated. The admitted request asked for
 * 100 tokens in and at most 100 out, so it holds 300,000 nano-USD and counted 200 tokens; it used
 * 100 in and 40 out, which cost 180,000 nano-USD.
 */
class SettleUsageTest {

  private static final TokenUsage USED = TokenUsage.of(100, 40);
  private static final Money COST = Money.ofNanoUsd(180_000);

  private final StepRecordingStores recording = new StepRecordingStores();
  private final ServiceFixture fixture = new ServiceFixture(recording.stores);
  private AdmissionTicket ticket;

  @BeforeEach
  void admitOneRequest() {
    fixture.countEverything();
    ticket = fixture.admitted(100, 100);
    assertThat(fixture.footprint()).isEqualTo(
        new ServiceFixture.Footprint(Money.ofNanoUsd(300_000), Money.ZERO, 1, 1, 200));
    recording.clear();
  }

  @Test
  void reported_usage_is_recorded_then_posted_and_corrects_the_token_window() {
    SettlementReceipt receipt = settle(new SettleCommand.Completed(USED, UsageSource.REPORTED));

    assertThat(receipt.cost()).isEqualTo(COST);
    assertThat(receipt.ledger()).contains(AppendResult.APPENDED);
    assertThat(receipt.overage()).isFalse();
    assertThat(recorded().source()).isEqualTo(UsageSource.REPORTED);
    assertThat(recorded().cost()).isEqualTo(COST);
    assertThat(fixture.footprint())
        .isEqualTo(new ServiceFixture.Footprint(Money.ZERO, COST, 0, 1, 140));
    assertThat(recording.steps())
        .containsExactly("ledger.append", "budgets.settle", "rates.adjust", "slots.release");
  }

  @Test
  void the_tightest_budget_left_after_the_charge_is_what_it_had_before_the_hold_less_the_cost() {
    Money tenantBudget = Money.usd("100");

    assertThat(ticket.tightestBudgetRemaining())
        .contains(tenantBudget.minus(Money.ofNanoUsd(300_000)));
    assertThat(ticket.remainingAfter(COST)).contains(tenantBudget.minus(COST));
    settle(new SettleCommand.Completed(USED, UsageSource.REPORTED));
    assertThat(fixture.stores.budgets().snapshot(ServiceFixture.TENANT, ServiceFixture.NOW)
        .orElseThrow().remaining()).isEqualTo(tenantBudget.minus(COST));
  }

  @Test
  void each_charging_decision_settles_as_its_outcome() {
    assertThat(SettleCommand.outcomeOf(new Charge.ByUsage(USED, UsageSource.ESTIMATED)))
        .isEqualTo(new SettleCommand.Completed(USED, UsageSource.ESTIMATED));
    assertThat(SettleCommand.outcomeOf(new Charge.Nothing("broke before any event")))
        .isEqualTo(new SettleCommand.Failed("broke before any event"));
  }

  @Test
  void estimated_usage_is_charged_alike_and_recorded_as_estimated() {
    SettlementReceipt receipt = settle(new SettleCommand.Completed(USED, UsageSource.ESTIMATED));

    assertThat(receipt.cost()).isEqualTo(COST);
    assertThat(recorded().source()).isEqualTo(UsageSource.ESTIMATED);
    assertThat(recorded().usage()).isEqualTo(USED);
    assertThat(fixture.footprint())
        .isEqualTo(new ServiceFixture.Footprint(Money.ZERO, COST, 0, 1, 140));
  }

  @Test
  void a_failed_call_is_charged_nothing_and_gives_back_its_hold_tokens_and_slot() {
    SettlementReceipt receipt = settle(new SettleCommand.Failed("upstream refused"));

    assertThat(receipt.cost()).isEqualTo(Money.ZERO);
    assertThat(receipt.ledger()).isEmpty();
    assertThat(fixture.stores.ledger().find(ticket.requestId())).isEmpty();
    // the request still counts in its request window: it was made
    assertThat(fixture.footprint())
        .isEqualTo(new ServiceFixture.Footprint(Money.ZERO, Money.ZERO, 0, 1, 0));
    assertThat(recording.steps())
        .containsExactly("budgets.release", "rates.adjust", "slots.release");
  }

  @Test
  void usage_beyond_the_hold_is_charged_in_full_and_marked_as_overage() {
    SettlementReceipt receipt =
        settle(new SettleCommand.Completed(TokenUsage.of(100, 500), UsageSource.ESTIMATED));

    Money cost = Money.ofNanoUsd(1_100_000);
    assertThat(receipt.cost()).isEqualTo(cost);
    assertThat(recorded().overage()).isTrue();
    assertThat(fixture.footprint().posted()).isEqualTo(cost);
    assertThat(fixture.footprint().held()).isEqualTo(Money.ZERO);
  }

  @Test
  void settling_the_same_call_again_records_and_posts_it_once() {
    settle(new SettleCommand.Completed(USED, UsageSource.REPORTED));

    SettlementReceipt again = settle(new SettleCommand.Completed(USED, UsageSource.REPORTED));

    assertThat(again.ledger()).contains(AppendResult.EXISTS);
    assertThat(again.cost()).isEqualTo(COST);
    assertThat(fixture.footprint().posted()).isEqualTo(COST);
    assertThat(fixture.footprint().slots()).isZero();
  }

  @Test
  void settling_the_same_call_again_corrects_the_token_window_once() {
    settle(new SettleCommand.Completed(USED, UsageSource.REPORTED));

    settle(new SettleCommand.Completed(USED, UsageSource.REPORTED));

    assertThat(fixture.footprint().tokens()).isEqualTo(140);
  }

  @Test
  void another_usage_under_a_settled_request_is_refused_by_the_ledger_and_posts_nothing_more() {
    settle(new SettleCommand.Completed(USED, UsageSource.REPORTED));

    SettlementReceipt again =
        settle(new SettleCommand.Completed(TokenUsage.of(100, 90), UsageSource.REPORTED));

    assertThat(again.ledger()).hasValueSatisfying(result ->
        assertThat(result).isInstanceOf(AppendResult.ExistsWithDifferentEvent.class));
    assertThat(recorded().usage()).isEqualTo(USED);
    assertThat(fixture.footprint().posted()).isEqualTo(COST);
  }

  @Test
  void a_budget_failure_after_the_ledger_keeps_the_entry_and_still_frees_the_slot() {
    recording.failAt("budgets.settle", 1);

    assertThatThrownBy(() -> settle(new SettleCommand.Completed(USED, UsageSource.REPORTED)))
        .isInstanceOf(StoreUnavailableException.class);

    assertThat(recorded().cost()).isEqualTo(COST);
    assertThat(fixture.footprint().slots()).isZero();
    assertThat(recording.steps())
        .containsExactly("ledger.append", "budgets.settle", "slots.release");
  }

  @Test
  void a_budget_failure_while_voiding_a_failed_calls_hold_still_frees_the_slot() {
    recording.failAt("budgets.release", 1);

    assertThatThrownBy(() -> settle(new SettleCommand.Failed("upstream refused")))
        .isInstanceOf(StoreUnavailableException.class);

    assertThat(fixture.stores.ledger().find(ticket.requestId())).isEmpty();
    assertThat(fixture.footprint().slots()).isZero();
    assertThat(recording.steps()).containsExactly("budgets.release", "slots.release");
  }

  @Test
  void a_ledger_failure_records_and_posts_nothing_and_still_frees_the_slot() {
    recording.failAt("ledger.append", 1);

    assertThatThrownBy(() -> settle(new SettleCommand.Completed(USED, UsageSource.REPORTED)))
        .isInstanceOf(StoreUnavailableException.class);

    assertThat(fixture.stores.ledger().find(ticket.requestId())).isEmpty();
    assertThat(fixture.footprint())
        .isEqualTo(new ServiceFixture.Footprint(Money.ofNanoUsd(300_000), Money.ZERO, 0, 1, 200));
    assertThat(recording.steps()).containsExactly("ledger.append", "slots.release");
  }

  private SettlementReceipt settle(SettleCommand.CallOutcome outcome) {
    return fixture.tollgate.settle().settle(new SettleCommand(ticket, outcome));
  }

  private SpendEntry recorded() {
    return fixture.stores.ledger().find(ticket.requestId()).orElseThrow();
  }
}
