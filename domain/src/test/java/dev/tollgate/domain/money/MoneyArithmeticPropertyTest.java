package dev.tollgate.domain.money;

import static dev.tollgate.domain.Theories.longsBetween;
import static dev.tollgate.domain.Theories.theory;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class MoneyArithmeticPropertyTest {

  private static final long QUARTER_RANGE = Long.MAX_VALUE / 4;

  private static Gen<Long> quarterRange() {
    return longsBetween(-QUARTER_RANGE, QUARTER_RANGE);
  }

  @Test
  void plus_then_minus_returns_the_original_amount() {
    theory()
        .forAll(quarterRange(), quarterRange())
        .checkAssert(
            (a, b) -> {
              Money x = Money.ofNanoUsd(a);
              Money y = Money.ofNanoUsd(b);

              assertThat(x.plus(y).minus(y)).isEqualTo(x);
              assertThat(x.minus(y).plus(y)).isEqualTo(x);
              assertThat(x.plus(y)).isEqualTo(y.plus(x));
            });
  }

  @Test
  void the_plain_dollar_text_parses_back_to_the_same_amount() {
    theory()
        .forAll(longsBetween(Long.MIN_VALUE, Long.MAX_VALUE))
        .checkAssert(
            nanos -> {
              Money money = Money.ofNanoUsd(nanos);

              assertThat(Money.usd(money.toPlainUsd())).isEqualTo(money);
              assertThat(Money.usd(money.toUsd())).isEqualTo(money);
            });
  }

  @Test
  void the_plain_dollar_text_is_big_decimals_text_trimmed_to_two_decimals() {
    theory()
        .forAll(longsBetween(Long.MIN_VALUE, Long.MAX_VALUE)
            .mix(longsBetween(-100_000_000_000L, 100_000_000_000L))
            .mix(longsBetween(-1_000, 1_000).map(n -> n * 10_000_000L)))
        .checkAssert(nanos -> assertThat(Money.ofNanoUsd(nanos).toPlainUsd())
            .isEqualTo(bigDecimalText(nanos)));
    for (long nanos : new long[] {0, 1, -1, 10, 1_000_000_000L, -1_000_000_000L, 1_500,
        123_456_789_012L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1}) {
      assertThat(Money.ofNanoUsd(nanos).toPlainUsd()).isEqualTo(bigDecimalText(nanos));
    }
    assertThat(Money.usd("12.5").toPlainUsd()).isEqualTo("12.50");
    assertThat(Money.usd("0.0000015").toPlainUsd()).isEqualTo("0.0000015");
    assertThat(Money.usd("-1000").toPlainUsd()).isEqualTo("-1000.00");
  }

  /** What {@link Money#toPlainUsd} wrote before it wrote the long directly. */
  private static String bigDecimalText(long nanos) {
    BigDecimal usd = BigDecimal.valueOf(nanos, 9).stripTrailingZeros();
    if (usd.scale() < 2) {
      usd = usd.setScale(2, RoundingMode.UNNECESSARY);
    }
    return usd.toPlainString();
  }

  @Test
  void a_long_numerator_rounds_up_as_a_big_one_does() {
    theory()
        .forAll(longsBetween(Long.MIN_VALUE, Long.MAX_VALUE), longsBetween(1, Long.MAX_VALUE)
            .mix(longsBetween(1, 2_000_000)))
        .checkAssert((numerator, divisor) ->
            assertThat(Money.ceilDiv(numerator, divisor))
                .isEqualTo(Money.ceilDiv(BigInteger.valueOf(numerator), divisor)));
  }

  @Test
  void sums_agree_with_big_decimal_arithmetic() {
    theory()
        .forAll(quarterRange(), quarterRange())
        .checkAssert(
            (a, b) -> {
              BigDecimal exact = Money.ofNanoUsd(a).toUsd().add(Money.ofNanoUsd(b).toUsd());

              assertThat(Money.ofNanoUsd(a).plus(Money.ofNanoUsd(b)).toUsd())
                  .isEqualByComparingTo(exact);
            });
  }
}
