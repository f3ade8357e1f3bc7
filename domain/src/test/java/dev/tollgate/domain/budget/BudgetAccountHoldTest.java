package dev.tollgate.domain.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.tenancy.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BudgetAccountHoldTest {

  private static final Instant NOW = Instant.parse("2025-03-10T12:00:00Z");
  private static final Instant EXPIRY = NOW.plus(Duration.ofMinutes(5));
  private static final HoldId H1 = HoldId.of("req-1");
  private static final HoldId H2 = HoldId.of("req-2");

  private static Money usd(String amount) {
    return Money.usd(amount);
  }

  private static BudgetAccount tenDollarAccount() {
    return new BudgetAccount(usd("10"), Optional.empty(), BudgetPeriod.daily().windowAt(NOW));
  }

  @Test
  void a_hold_within_the_limit_is_placed() {
    BudgetAccount account = tenDollarAccount();

    HoldResult result = account.hold(H1, usd("4"), EXPIRY, NOW);

    assertThat(result).isEqualTo(new HoldResult.Placed(usd("4")));
    assertThat(result.isHeld()).isTrue();
    assertThat(account.held()).isEqualTo(usd("4"));
    assertThat(account.available()).isEqualTo(usd("6"));
    assertThat(account.holds(H1)).isTrue();
    assertThat(account.holdCount()).isEqualTo(1);
  }

  @Test
  void a_hold_of_exactly_what_is_available_is_placed() {
    BudgetAccount account = tenDollarAccount();

    assertThat(account.hold(H1, usd("10"), EXPIRY, NOW).isHeld()).isTrue();
    assertThat(account.available()).isEqualTo(Money.ZERO);
  }

  @Test
  void a_hold_over_the_limit_is_insufficient_and_names_what_is_available() {
    BudgetAccount account = tenDollarAccount();
    account.hold(H1, usd("4"), EXPIRY, NOW);

    HoldResult result = account.hold(H2, usd("6.000000001"), EXPIRY, NOW);

    assertThat(result).isEqualTo(new HoldResult.Insufficient(usd("6")));
    assertThat(result.isHeld()).isFalse();
    assertThat(account.held()).isEqualTo(usd("4"));
    assertThat(account.holds(H2)).isFalse();
  }

  @Test
  void the_same_hold_again_with_the_same_amount_is_already_held_and_counted_once() {
    BudgetAccount account = tenDollarAccount();
    account.hold(H1, usd("4"), EXPIRY, NOW);

    HoldResult retry = account.hold(H1, usd("4"), EXPIRY, NOW.plusSeconds(1));

    assertThat(retry).isEqualTo(new HoldResult.AlreadyHeld(usd("4")));
    assertThat(retry.isHeld()).isTrue();
    assertThat(account.held()).isEqualTo(usd("4"));
  }

  @Test
  void the_same_hold_with_another_amount_is_refused_never_merged() {
    BudgetAccount account = tenDollarAccount();
    account.hold(H1, usd("4"), EXPIRY, NOW);

    HoldResult result = account.hold(H1, usd("5"), EXPIRY, NOW);

    assertThat(result).isEqualTo(new HoldResult.HeldWithDifferentAmount(usd("4")));
    assertThat(result.isHeld()).isFalse();
    assertThat(account.held()).isEqualTo(usd("4"));
  }

  @Test
  void a_negative_hold_is_a_programmer_error() {
    assertThatThrownBy(() -> tenDollarAccount().hold(H1, usd("-1"), EXPIRY, NOW))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_released_hold_gives_its_amount_back_once() {
    BudgetAccount account = tenDollarAccount();
    account.hold(H1, usd("4"), EXPIRY, NOW);

    assertThat(account.release(H1)).isTrue();
    assertThat(account.release(H1)).isFalse();
    assertThat(account.release(H2)).isFalse();
    assertThat(account.held()).isEqualTo(Money.ZERO);
    assertThat(account.posted()).isEqualTo(Money.ZERO);
    assertThat(account.available()).isEqualTo(usd("10"));
  }

  @Test
  void a_hold_expires_at_its_exact_expiry_instant_and_not_before() {
    BudgetAccount account = tenDollarAccount();
    account.hold(H1, usd("4"), EXPIRY, NOW);

    assertThat(account.expire(EXPIRY.minusNanos(1))).isZero();
    assertThat(account.holds(H1)).isTrue();

    assertThat(account.expire(EXPIRY)).isEqualTo(1);
    assertThat(account.holds(H1)).isFalse();
    assertThat(account.held()).isEqualTo(Money.ZERO);
  }

  @Test
  void placing_a_hold_first_drops_holds_that_have_expired() {
    BudgetAccount account = tenDollarAccount();
    account.hold(H1, usd("10"), EXPIRY, NOW);

    HoldResult result = account.hold(H2, usd("10"), EXPIRY.plus(Duration.ofMinutes(5)), EXPIRY);

    assertThat(result).isEqualTo(new HoldResult.Placed(usd("10")));
    assertThat(account.holds(H1)).isFalse();
    assertThat(account.held()).isEqualTo(usd("10"));
  }

  @Test
  void an_expired_hold_can_be_placed_again_under_the_same_id() {
    BudgetAccount account = tenDollarAccount();
    account.hold(H1, usd("4"), EXPIRY, NOW);

    HoldResult again = account.hold(H1, usd("5"), EXPIRY.plusSeconds(60), EXPIRY);

    assertThat(again).isEqualTo(new HoldResult.Placed(usd("5")));
    assertThat(account.held()).isEqualTo(usd("5"));
  }

  @Test
  void changing_the_limit_keeps_posted_spend_and_live_holds() {
    BudgetAccount account = tenDollarAccount();
    account.hold(H1, usd("4"), EXPIRY, NOW);
    account.settle(H1, usd("3"));
    account.hold(H2, usd("2"), EXPIRY, NOW);

    account.changeLimit(usd("20"), Optional.of(usd("15")));

    assertThat(account.posted()).isEqualTo(usd("3"));
    assertThat(account.held()).isEqualTo(usd("2"));
    assertThat(account.available()).isEqualTo(usd("15"));
    assertThat(account.softLimit()).contains(usd("15"));
  }

  @Test
  void lowering_the_limit_below_spend_refuses_new_holds_until_it_is_raised() {
    BudgetAccount account = tenDollarAccount();
    account.hold(H1, usd("6"), EXPIRY, NOW);

    account.changeLimit(usd("5"), Optional.empty());

    assertThat(account.available()).isEqualTo(usd("-1"));
    assertThat(account.hold(H2, Money.ZERO, EXPIRY, NOW))
        .isEqualTo(new HoldResult.Insufficient(Money.ZERO));
    account.changeLimit(usd("7"), Optional.empty());
    assertThat(account.hold(H2, usd("1"), EXPIRY, NOW).isHeld()).isTrue();
    assertThatThrownBy(() -> account.changeLimit(usd("-1"), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void an_account_opened_from_a_budget_takes_its_limits_and_the_current_window() {
    Budget budget =
        new Budget(
            Scope.tenant(TenantId.of("t1")),
            usd("10"),
            BudgetPeriod.monthly(),
            Optional.of(usd("8")));

    BudgetAccount account = BudgetAccount.open(budget, NOW);

    assertThat(account.limit()).isEqualTo(usd("10"));
    assertThat(account.softLimit()).contains(usd("8"));
    assertThat(account.window()).isEqualTo(BudgetPeriod.monthly().windowAt(NOW));
  }

  @Test
  void a_restored_account_counts_its_posted_spend() {
    BudgetAccount account =
        BudgetAccount.restore(
            usd("10"), Optional.empty(), BudgetPeriod.daily().windowAt(NOW), usd("7"));

    assertThat(account.posted()).isEqualTo(usd("7"));
    assertThat(account.hold(H1, usd("4"), EXPIRY, NOW))
        .isEqualTo(new HoldResult.Insufficient(usd("3")));
  }
}
