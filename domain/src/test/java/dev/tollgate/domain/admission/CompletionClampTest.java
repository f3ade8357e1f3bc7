package dev.tollgate.domain.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.pricing.PricePerMillion;
import dev.tollgate.domain.pricing.TokenPrices;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class CompletionClampTest {

  /** $1 per million in, $2 per million out: a token in costs 1,000 nano-USD, one out 2,000. */
  private static final TokenPrices PRICES =
      TokenPrices.of(PricePerMillion.usd("1"), PricePerMillion.usd("2"));

  @Test
  void a_request_the_budget_covers_keeps_its_bound() {
    assertThat(CompletionClamp.affordable(PRICES, 100, 500, Money.usd("1"), 64))
        .hasValue(500);
  }

  @Test
  void a_request_the_budget_cannot_cover_is_lowered_to_what_it_can() {
    // 100 prompt tokens cost 100,000 nano; 300,000 nano remain: 100 completion tokens fit.
    assertThat(CompletionClamp.affordable(PRICES, 100, 500, Money.ofNanoUsd(300_000), 64))
        .hasValue(100);
    assertThat(PRICES.maximumCostOf(100, 100)).isEqualTo(Money.ofNanoUsd(300_000));
  }

  @Test
  void a_clamp_below_the_minimum_output_refuses() {
    assertThat(CompletionClamp.affordable(PRICES, 100, 500, Money.ofNanoUsd(227_999), 64))
        .isEmpty();
    assertThat(CompletionClamp.affordable(PRICES, 100, 500, Money.ofNanoUsd(228_000), 64))
        .hasValue(64);
  }

  @Test
  void a_prompt_the_budget_cannot_cover_refuses() {
    assertThat(PRICES.affordableCompletionTokens(100, Money.ofNanoUsd(99_999))).isEqualTo(-1);
    assertThat(CompletionClamp.affordable(PRICES, 100, 500, Money.ofNanoUsd(99_999), 1))
        .isEmpty();
  }

  @Test
  void the_request_fee_comes_off_the_budget_first() {
    TokenPrices withFee = new TokenPrices(PricePerMillion.usd("1"), PricePerMillion.usd("1"),
        PricePerMillion.usd("1"), PricePerMillion.usd("2"), Optional.empty(), Money.usd("0.0001"));
    // 400,000 nano remain, 100,000 of them the fee and 100,000 the prompt: 100 tokens out fit.
    assertThat(CompletionClamp.affordable(withFee, 100, 500, Money.ofNanoUsd(400_000), 1))
        .hasValue(100);
  }

  @Test
  void free_output_never_needs_a_clamp() {
    TokenPrices freeOutput = TokenPrices.of(PricePerMillion.usd("1"), PricePerMillion.FREE);
    assertThat(CompletionClamp.affordable(freeOutput, 100, 500, Money.ofNanoUsd(100_000), 64))
        .isEqualTo(OptionalLong.of(500));
  }

  @Test
  void a_minimum_output_below_one_is_a_programmer_error() {
    assertThatThrownBy(() -> CompletionClamp.affordable(PRICES, 1, 1, Money.ZERO, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void severalChoicesShareTheAffordableBoundEvenlyAndAllOfThemFitTheBudget() {
    // 300,000 nano pays 100 in and 100 out; four choices get 25 each, all four costing no more.
    long perChoice = CompletionClamp.affordablePerChoice(
        PRICES, 100, 400, Money.ofNanoUsd(300_000), 10, 4).orElseThrow();

    assertThat(perChoice).isEqualTo(25);
    assertThat(PRICES.maximumCostOf(100, 4 * perChoice)).isEqualTo(Money.ofNanoUsd(300_000));
  }

  @Test
  void theMinimumOutputAppliesToEachChoice() {
    assertThat(CompletionClamp.affordablePerChoice(
        PRICES, 100, 400, Money.ofNanoUsd(300_000), 26, 4)).isEmpty();
  }
}
