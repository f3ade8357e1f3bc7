package dev.tollgate.domain.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class MoneyTest {

  @Test
  void a_decimal_dollar_amount_parses_exactly_to_nano_usd() {
    assertThat(Money.usd("12.50").nanoUsd()).isEqualTo(12_500_000_000L);
    assertThat(Money.usd("0.000000001").nanoUsd()).isEqualTo(1L);
    assertThat(Money.usd("-3.25").nanoUsd()).isEqualTo(-3_250_000_000L);
    assertThat(Money.usd(new BigDecimal("0.1")).plus(Money.usd("0.2"))).isEqualTo(Money.usd("0.3"));
  }

  @Test
  void an_amount_with_more_than_nine_significant_decimals_is_refused() {
    assertThatThrownBy(() -> Money.usd("0.0000000001"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most 9 decimals");
    assertThatThrownBy(() -> Money.usd("1.0000000015"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void an_amount_beyond_the_nano_usd_range_is_refused_when_parsed() {
    assertThatThrownBy(() -> Money.usd("9300000000"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fit in nano-USD");
  }

  @Test
  void arithmetic_that_would_overflow_throws_instead_of_wrapping() {
    Money max = Money.ofNanoUsd(Long.MAX_VALUE);
    Money min = Money.ofNanoUsd(Long.MIN_VALUE);

    assertThatThrownBy(() -> max.plus(Money.ofNanoUsd(1))).isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> min.minus(Money.ofNanoUsd(1))).isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> max.times(2)).isInstanceOf(ArithmeticException.class);
  }

  @Test
  void ceil_div_rounds_any_fraction_of_a_nano_up() {
    assertThat(Money.ceilDiv(BigInteger.valueOf(1), 1_000_000).nanoUsd()).isEqualTo(1);
    assertThat(Money.ceilDiv(BigInteger.valueOf(1_000_000), 1_000_000).nanoUsd()).isEqualTo(1);
    assertThat(Money.ceilDiv(BigInteger.valueOf(1_000_001), 1_000_000).nanoUsd()).isEqualTo(2);
    assertThat(Money.ceilDiv(BigInteger.ZERO, 7)).isEqualTo(Money.ZERO);
  }

  @Test
  void ceil_div_of_a_negative_amount_rounds_towards_positive_infinity() {
    assertThat(Money.ceilDiv(BigInteger.valueOf(-7), 2).nanoUsd()).isEqualTo(-3);
  }

  @Test
  void ceil_div_refuses_a_divisor_that_is_not_positive() {
    assertThatThrownBy(() -> Money.ceilDiv(BigInteger.ONE, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Money.ceilDiv(BigInteger.ONE, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void ceil_div_beyond_the_range_throws() {
    BigInteger huge = BigInteger.valueOf(Long.MAX_VALUE).multiply(BigInteger.TEN);
    assertThatThrownBy(() -> Money.ceilDiv(huge, 1)).isInstanceOf(ArithmeticException.class);
  }

  @Test
  void to_string_shows_dollars_with_at_least_two_decimals_and_no_trailing_zeros() {
    assertThat(Money.usd("12.5")).hasToString("USD 12.50");
    assertThat(Money.usd("100")).hasToString("USD 100.00");
    assertThat(Money.ofNanoUsd(1_500)).hasToString("USD 0.0000015");
    assertThat(Money.ZERO).hasToString("USD 0.00");
    assertThat(Money.usd("-1.5")).hasToString("USD -1.50");
    assertThat(Money.ofNanoUsd(1)).hasToString("USD 0.000000001");
  }

  @Test
  void to_usd_is_the_exact_value_at_scale_nine() {
    assertThat(Money.usd("2.5").toUsd()).isEqualByComparingTo("2.5");
    assertThat(Money.usd("2.5").toUsd().scale()).isEqualTo(9);
  }

  @Test
  void zero_is_one_value_however_it_is_made() {
    assertThat(Money.ofNanoUsd(0)).isSameAs(Money.ZERO);
    assertThat(Money.usd("0.000")).isEqualTo(Money.ZERO);
    assertThat(Money.usd("1").minus(Money.usd("1"))).isEqualTo(Money.ZERO);
  }

  @Test
  void comparisons_follow_the_nano_usd_amount() {
    Money one = Money.usd("1");
    Money two = Money.usd("2");

    assertThat(two.isGreaterThan(one)).isTrue();
    assertThat(one.isGreaterThan(one)).isFalse();
    assertThat(one.isAtLeast(one)).isTrue();
    assertThat(one.max(two)).isEqualTo(two);
    assertThat(one.min(two)).isEqualTo(one);
    assertThat(one.compareTo(two)).isNegative();
    assertThat(Money.usd("-1").isNegative()).isTrue();
    assertThat(one.isPositive()).isTrue();
    assertThat(Money.ZERO.isZero()).isTrue();
    assertThat(one.times(3)).isEqualTo(Money.usd("3"));
  }
}
