package dev.tollgate.domain.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.usage.TokenUsage;
import org.junit.jupiter.api.Test;

/** Whisper on OpenAI's list: $0.006 a minute, $0.0001 a second; LiteLLM's input_cost_per_second. */
class AudioIsPricedByTheMillisecondTest {

  private static final TokenPrices WHISPER =
      TokenPrices.free().withAudioPerSecond(Money.usd("0.0001"));

  @Test
  void a_minute_of_audio_costs_sixty_seconds_at_the_price() {
    assertThat(WHISPER.costOf(TokenUsage.NONE.withAudioMillis(60_000))).isEqualTo(Money.usd("0.006"));
  }

  @Test
  void a_millisecond_is_charged_exactly_and_rounded_up_once() {
    // 1 ms x $0.0001/s = $0.0000001 = 100 nano-USD; 1,234 ms = 123,400 nano-USD
    assertThat(WHISPER.costOf(TokenUsage.NONE.withAudioMillis(1))).isEqualTo(Money.ofNanoUsd(100));
    assertThat(WHISPER.costOf(TokenUsage.NONE.withAudioMillis(1_234)))
        .isEqualTo(Money.ofNanoUsd(123_400));
    TokenPrices cheap = TokenPrices.free().withAudioPerSecond(Money.ofNanoUsd(1));
    assertThat(cheap.costOf(TokenUsage.NONE.withAudioMillis(1))).isEqualTo(Money.ofNanoUsd(1));
    assertThat(cheap.costOf(TokenUsage.NONE.withAudioMillis(2_000))).isEqualTo(Money.ofNanoUsd(2));
  }

  @Test
  void audio_and_tokens_are_summed_before_the_single_rounding() {
    TokenPrices both = TokenPrices.of(PricePerMillion.usd("2.5"), PricePerMillion.usd("10"))
        .withAudioPerSecond(Money.usd("0.0001"));
    // 10 s = $0.001; 100 in x 2.5/M + 50 out x 10/M = $0.00075
    TokenUsage usage = TokenUsage.of(100, 50).withAudioMillis(10_000);

    assertThat(both.costOf(usage)).isEqualTo(Money.usd("0.00175"));
  }

  @Test
  void the_hold_covers_the_audio_it_is_told_of() {
    assertThat(WHISPER.maximumCostOf(0, 0, 90_000)).isEqualTo(Money.usd("0.009"));
    assertThat(WHISPER.maximumCostOf(0, 0)).isEqualTo(Money.ZERO);
    assertThatThrownBy(() -> WHISPER.maximumCostOf(0, 0, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void huge_audio_takes_the_exact_path() {
    TokenPrices dear = TokenPrices.free().withAudioPerSecond(Money.usd("1000"));
    // 1,000 s at $1,000/s: the sum (10^12 x 10^6 x 1000 = 10^21) leaves a long
    assertThat(dear.costOf(TokenUsage.NONE.withAudioMillis(1_000_000)))
        .isEqualTo(Money.usd("1000000"));
  }

  @Test
  void a_model_with_only_an_audio_price_is_not_free_and_prices_without_one_cost_nothing_for_audio() {
    assertThat(WHISPER.isFree()).isFalse();
    assertThat(TokenPrices.of(PricePerMillion.usd("1"), PricePerMillion.usd("1"))
        .costOf(TokenUsage.NONE.withAudioMillis(60_000))).isEqualTo(Money.ZERO);
    assertThatThrownBy(() -> TokenPrices.free().withAudioPerSecond(Money.ofNanoUsd(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
