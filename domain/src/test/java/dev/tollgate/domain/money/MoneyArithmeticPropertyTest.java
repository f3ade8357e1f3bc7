package dev.tollgate.domain.money;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

class MoneyArithmeticPropertyTest {

  private static final long QUARTER_RANGE = Long.MAX_VALUE / 4;

  @Property
  void plus_then_minus_returns_the_original_amount(
      @ForAll @LongRange(min = -QUARTER_RANGE, max = QUARTER_RANGE) long a,
      @ForAll @LongRange(min = -QUARTER_RANGE, max = QUARTER_RANGE) long b) {
    Money x = Money.ofNanoUsd(a);
    Money y = Money.ofNanoUsd(b);

    assertThat(x.plus(y).minus(y)).isEqualTo(x);
    assertThat(x.minus(y).plus(y)).isEqualTo(x);
    assertThat(x.plus(y)).isEqualTo(y.plus(x));
  }

  @Property
  void the_plain_dollar_text_parses_back_to_the_same_amount(@ForAll long nanos) {
    Money money = Money.ofNanoUsd(nanos);

    assertThat(Money.usd(money.toPlainUsd())).isEqualTo(money);
    assertThat(Money.usd(money.toUsd())).isEqualTo(money);
  }

  @Property
  void sums_agree_with_big_decimal_arithmetic(
      @ForAll @LongRange(min = -QUARTER_RANGE, max = QUARTER_RANGE) long a,
      @ForAll @LongRange(min = -QUARTER_RANGE, max = QUARTER_RANGE) long b) {
    BigDecimal exact = Money.ofNanoUsd(a).toUsd().add(Money.ofNanoUsd(b).toUsd());

    assertThat(Money.ofNanoUsd(a).plus(Money.ofNanoUsd(b)).toUsd()).isEqualByComparingTo(exact);
  }
}
