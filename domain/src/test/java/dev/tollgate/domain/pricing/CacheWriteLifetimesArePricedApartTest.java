package dev.tollgate.domain.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.usage.TokenUsage;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Anthropic's list: input $3, cache read $0.30, 5-minute write $3.75, 1-hour write $6, output $15. */
class CacheWriteLifetimesArePricedApartTest {

  private static final TokenPrices SONNET = new TokenPrices(
      PricePerMillion.usd("3"), PricePerMillion.usd("0.30"), PricePerMillion.usd("3.75"),
      PricePerMillion.usd("15"), Optional.empty(), Money.ZERO, PricePerMillion.usd("6"));

  @Test
  void each_lifetime_is_charged_at_its_own_rate() {
    assertThat(SONNET.costOf(new TokenUsage(0, 0, 1_000_000, 0, 0, 0))).isEqualTo(Money.usd("3.75"));
    assertThat(SONNET.costOf(new TokenUsage(0, 0, 0, 0, 0, 1_000_000))).isEqualTo(Money.usd("6"));
  }

  @Test
  void a_mixed_request_is_summed_exactly_before_the_single_rounding() {
    // (12 x 3 + 3000 x 0.3 + 500 x 3.75 + 1000 x 6 + 40 x 15) / 1M = 9411 / 1M
    TokenUsage usage = new TokenUsage(12, 3000, 500, 40, 0, 1000);

    assertThat(SONNET.costOf(usage)).isEqualTo(Money.usd("0.009411"));
  }

  @Test
  void without_a_separate_price_one_hour_writes_cost_the_default_write_rate() {
    TokenPrices prices = new TokenPrices(PricePerMillion.usd("3"), PricePerMillion.usd("0.30"),
        PricePerMillion.usd("3.75"), PricePerMillion.usd("15"), Optional.empty(), Money.ZERO);

    assertThat(prices.cacheWrite1hInput()).isEqualTo(PricePerMillion.usd("3.75"));
    assertThat(prices.withCacheWrite1hInput(PricePerMillion.usd("6")).cacheWrite1hInput())
        .isEqualTo(PricePerMillion.usd("6"));
  }

  @Test
  void the_hold_covers_a_prompt_written_entirely_to_the_one_hour_cache() {
    assertThat(SONNET.maximumCostOf(1_000_000, 0)).isEqualTo(Money.usd("6"));
  }
}
