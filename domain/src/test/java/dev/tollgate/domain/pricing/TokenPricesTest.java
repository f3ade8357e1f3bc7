package dev.tollgate.domain.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.usage.TokenUsage;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenPricesTest {

  /** $1 input, $0.10 cached, $1.25 cache write, $4 output, $8 reasoning, per million tokens. */
  private static final TokenPrices DISTINCT =
      new TokenPrices(
          PricePerMillion.usd("1"),
          PricePerMillion.usd("0.10"),
          PricePerMillion.usd("1.25"),
          PricePerMillion.usd("4"),
          Optional.of(PricePerMillion.usd("8")),
          Money.ZERO);

  @Test
  void each_usage_part_is_charged_at_its_own_rate() {
    assertThat(DISTINCT.costOf(new TokenUsage(1_000_000, 0, 0, 0, 0))).isEqualTo(Money.usd("1"));
    assertThat(DISTINCT.costOf(new TokenUsage(0, 1_000_000, 0, 0, 0))).isEqualTo(Money.usd("0.1"));
    assertThat(DISTINCT.costOf(new TokenUsage(0, 0, 1_000_000, 0, 0))).isEqualTo(Money.usd("1.25"));
    assertThat(DISTINCT.costOf(new TokenUsage(0, 0, 0, 1_000_000, 0))).isEqualTo(Money.usd("4"));
    assertThat(DISTINCT.costOf(new TokenUsage(0, 0, 0, 0, 1_000_000))).isEqualTo(Money.usd("8"));
  }

  @Test
  void the_parts_are_summed_exactly_before_the_single_rounding() {
    // (1000 x 1 + 2000 x 0.1 + 400 x 1.25 + 300 x 4 + 50 x 8) / 1M = 3300 / 1M = $0.0033
    TokenUsage usage = new TokenUsage(1000, 2000, 400, 300, 50);

    assertThat(DISTINCT.costOf(usage)).isEqualTo(Money.usd("0.0033"));
  }

  @Test
  void reasoning_tokens_cost_the_output_rate_unless_priced_separately() {
    TokenPrices prices = TokenPrices.of(PricePerMillion.usd("1"), PricePerMillion.usd("4"));
    TokenUsage reasoningOnly = new TokenUsage(0, 0, 0, 0, 1_000_000);

    assertThat(prices.reasoningOrOutput()).isEqualTo(PricePerMillion.usd("4"));
    assertThat(prices.costOf(reasoningOnly)).isEqualTo(Money.usd("4"));
  }

  @Test
  void the_short_form_charges_cache_reads_and_writes_at_the_input_rate() {
    TokenPrices prices = TokenPrices.of(PricePerMillion.usd("2"), PricePerMillion.usd("4"));

    assertThat(prices.costOf(new TokenUsage(0, 1_000_000, 1_000_000, 0, 0)))
        .isEqualTo(Money.usd("4"));
  }

  @Test
  void a_priced_request_is_never_free_however_few_its_tokens() {
    TokenPrices cheap =
        TokenPrices.of(PricePerMillion.usd("0.0001"), PricePerMillion.usd("0.0001"));

    // 1 token x $0.0001 / 1M = 0.1 nano-USD, rounded up to one nano.
    assertThat(cheap.costOf(TokenUsage.of(1, 0))).isEqualTo(Money.ofNanoUsd(1));
    assertThat(cheap.isFree()).isFalse();
  }

  @Test
  void the_request_fee_is_added_once_per_request() {
    TokenPrices withFee =
        new TokenPrices(
            PricePerMillion.usd("1"),
            PricePerMillion.usd("1"),
            PricePerMillion.usd("1"),
            PricePerMillion.usd("1"),
            Optional.empty(),
            Money.usd("0.01"));

    assertThat(withFee.costOf(TokenUsage.NONE)).isEqualTo(Money.usd("0.01"));
    assertThat(withFee.costOf(TokenUsage.of(1_000_000, 0))).isEqualTo(Money.usd("1.01"));
    assertThat(withFee.maximumCostOf(0, 0)).isEqualTo(Money.usd("0.01"));
    assertThat(withFee.isFree()).isFalse();
  }

  @Test
  void a_zero_priced_model_costs_nothing_and_is_still_a_valid_price() {
    TokenPrices free = TokenPrices.free();

    assertThat(free.costOf(new TokenUsage(10_000, 5, 5, 9_000, 700))).isEqualTo(Money.ZERO);
    assertThat(free.maximumCostOf(100_000, 100_000)).isEqualTo(Money.ZERO);
    assertThat(free.isFree()).isTrue();
  }

  @Test
  void the_maximum_cost_uses_the_dearest_prompt_and_completion_rates() {
    // Prompt at max(1, 0.10, 1.25) = 1.25, completion at max(4, 8) = 8.
    assertThat(DISTINCT.maximumCostOf(1_000_000, 1_000_000)).isEqualTo(Money.usd("9.25"));
  }

  @Test
  void the_maximum_cost_bounds_every_split_of_the_same_token_counts() {
    long prompt = 3_000;
    long completion = 1_500;
    Money max = DISTINCT.maximumCostOf(prompt, completion);

    assertThat(DISTINCT.costOf(new TokenUsage(3_000, 0, 0, 1_500, 0))).isLessThanOrEqualTo(max);
    assertThat(DISTINCT.costOf(new TokenUsage(0, 0, 3_000, 0, 1_500))).isEqualTo(max);
    assertThat(DISTINCT.costOf(new TokenUsage(1_000, 1_000, 1_000, 700, 800)))
        .isLessThanOrEqualTo(max);
  }

  @Test
  void negative_prices_and_fees_are_refused() {
    assertThatThrownBy(() -> PricePerMillion.usd("-0.01"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new TokenPrices(
                    PricePerMillion.FREE,
                    PricePerMillion.FREE,
                    PricePerMillion.FREE,
                    PricePerMillion.FREE,
                    Optional.empty(),
                    Money.usd("-0.000000001")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_price_reads_as_dollars_per_million_tokens() {
    assertThat(PricePerMillion.usd("0.15")).hasToString("0.15/Mtok");
  }
}
