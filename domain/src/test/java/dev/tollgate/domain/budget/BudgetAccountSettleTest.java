package dev.tollgate.domain.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.money.Money;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BudgetAccountSettleTest {

  private static final Instant NOW = Instant.parse("2025-03-10T12:00:00Z");
  private static final Instant EXPIRY = NOW.plus(Duration.ofMinutes(5));
  private static final HoldId H1 = HoldId.of("req-1");
  private static final HoldId H2 = HoldId.of("req-2");
  private static final HoldId H3 = HoldId.of("req-3");

  private static Money usd(String amount) {
    return Money.usd(amount);
  }

  private static BudgetAccount account(String limit, Optional<Money> soft) {
    return new BudgetAccount(usd(limit), soft, BudgetPeriod.daily().windowAt(NOW));
  }

  @Test
  void a_settle_below_the_hold_posts_the_cost_and_releases_the_rest() {
    BudgetAccount account = account("10", Optional.empty());
    account.hold(H1, usd("4"), EXPIRY, NOW);

    SettleResult result = account.settle(H1, usd("1.5"));

    assertThat(result)
        .isEqualTo(new SettleResult(usd("1.5"), usd("2.5"), Money.ZERO, false, false));
    assertThat(result.isOverage()).isFalse();
    assertThat(account.posted()).isEqualTo(usd("1.5"));
    assertThat(account.held()).isEqualTo(Money.ZERO);
    assertThat(account.available()).isEqualTo(usd("8.5"));
    assertThat(account.holds(H1)).isFalse();
  }

  @Test
  void a_settle_of_exactly_the_hold_releases_nothing() {
    BudgetAccount account = account("10", Optional.empty());
    account.hold(H1, usd("4"), EXPIRY, NOW);

    SettleResult result = account.settle(H1, usd("4"));

    assertThat(result.released()).isEqualTo(Money.ZERO);
    assertThat(result.overage()).isEqualTo(Money.ZERO);
    assertThat(account.available()).isEqualTo(usd("6"));
  }

  @Test
  void a_settle_above_the_hold_is_posted_in_full_and_reported_as_overage() {
    BudgetAccount account = account("10", Optional.empty());
    account.hold(H1, usd("8"), EXPIRY, NOW);

    SettleResult result = account.settle(H1, usd("12"));

    assertThat(result).isEqualTo(new SettleResult(usd("12"), Money.ZERO, usd("4"), false, false));
    assertThat(result.isOverage()).isTrue();
    assertThat(account.posted()).isEqualTo(usd("12"));
    assertThat(account.available()).isEqualTo(usd("-2"));
  }

  @Test
  void after_an_overage_every_new_hold_is_refused_even_a_zero_one() {
    BudgetAccount account = account("10", Optional.empty());
    account.hold(H1, usd("8"), EXPIRY, NOW);
    account.settle(H1, usd("12"));

    assertThat(account.hold(H2, usd("0.01"), EXPIRY, NOW))
        .isEqualTo(new HoldResult.Insufficient(Money.ZERO));
    assertThat(account.hold(H3, Money.ZERO, EXPIRY, NOW))
        .isEqualTo(new HoldResult.Insufficient(Money.ZERO));
  }

  @Test
  void a_settle_of_an_unknown_hold_is_posted_and_flagged_as_missing() {
    BudgetAccount account = account("10", Optional.empty());

    SettleResult result = account.settle(H1, usd("3"));

    assertThat(result).isEqualTo(new SettleResult(usd("3"), Money.ZERO, usd("3"), true, false));
    assertThat(account.posted()).isEqualTo(usd("3"));
    assertThat(account.available()).isEqualTo(usd("7"));
  }

  @Test
  void a_settle_of_an_expired_hold_is_posted_and_flagged_as_missing() {
    BudgetAccount account = account("10", Optional.empty());
    account.hold(H1, usd("4"), EXPIRY, NOW);
    account.expire(EXPIRY);

    SettleResult result = account.settle(H1, usd("1"));

    assertThat(result.holdWasMissing()).isTrue();
    assertThat(result.released()).isEqualTo(Money.ZERO);
    assertThat(account.posted()).isEqualTo(usd("1"));
    assertThat(account.held()).isEqualTo(Money.ZERO);
  }

  @Test
  void a_settle_of_a_released_hold_is_posted_and_flagged_as_missing() {
    BudgetAccount account = account("10", Optional.empty());
    account.hold(H1, usd("4"), EXPIRY, NOW);
    account.release(H1);

    assertThat(account.settle(H1, usd("1")).holdWasMissing()).isTrue();
    assertThat(account.held()).isEqualTo(Money.ZERO);
  }

  @Test
  void a_negative_cost_is_a_programmer_error() {
    BudgetAccount account = account("10", Optional.empty());

    assertThatThrownBy(() -> account.settle(H1, usd("-0.01")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void crossing_the_soft_limit_is_reported_once() {
    BudgetAccount account = account("10", Optional.of(usd("5")));
    account.hold(H1, usd("3"), EXPIRY, NOW);
    account.hold(H2, usd("3"), EXPIRY, NOW);
    account.hold(H3, usd("3"), EXPIRY, NOW);

    assertThat(account.settle(H1, usd("3")).crossedSoftLimit()).isFalse();
    assertThat(account.settle(H2, usd("2.5")).crossedSoftLimit()).isTrue();
    assertThat(account.settle(H3, usd("1")).crossedSoftLimit()).isFalse();
  }

  @Test
  void reaching_the_soft_limit_exactly_counts_as_crossing_it() {
    BudgetAccount account = account("10", Optional.of(usd("5")));
    account.hold(H1, usd("5"), EXPIRY, NOW);

    assertThat(account.settle(H1, usd("5")).crossedSoftLimit()).isTrue();
  }

  @Test
  void a_soft_limit_never_refuses_a_hold() {
    BudgetAccount account = account("10", Optional.of(usd("1")));
    account.hold(H1, usd("2"), EXPIRY, NOW);
    account.settle(H1, usd("2"));

    assertThat(account.hold(H2, usd("8"), EXPIRY, NOW).isHeld()).isTrue();
  }

  @Test
  void posted_spend_at_the_soft_limit_is_past_it_and_holds_alone_are_not() {
    BudgetAccount account = account("10", Optional.of(usd("5")));
    account.hold(H1, usd("6"), EXPIRY, NOW);
    assertThat(account.pastSoftLimit()).isFalse();

    account.settle(H1, usd("5"));

    assertThat(account.pastSoftLimit()).isTrue();
    assertThat(account("10", Optional.empty()).pastSoftLimit()).isFalse();
  }

  @Test
  void without_a_soft_limit_nothing_is_ever_crossed() {
    BudgetAccount account = account("10", Optional.empty());

    assertThat(account.settle(H1, usd("10")).crossedSoftLimit()).isFalse();
  }

  @Test
  void a_budget_refuses_a_negative_limit_and_a_soft_limit_outside_it() {
    Scope scope = Scope.key(KeyId.of("k1"));

    assertThatThrownBy(() -> Budget.of(scope, usd("-1"), BudgetPeriod.daily()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new Budget(scope, usd("10"), BudgetPeriod.daily(), Optional.of(usd("10.01"))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new Budget(scope, usd("10"), BudgetPeriod.daily(), Optional.of(usd("-1"))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Budget.of(scope, usd("10"), BudgetPeriod.daily()).softLimit()).isEmpty();
  }
}
