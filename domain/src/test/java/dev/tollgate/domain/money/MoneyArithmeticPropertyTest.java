package dev.tollgate.domain.money;

import static dev.tollgate.domain.Theories.longsBetween;
import static dev.tollgate.domain.Theories.theory;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
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
