package dev.tollgate.domain.admission;

import static dev.tollgate.domain.Theories.longsBetween;
import static dev.tollgate.domain.Theories.theory;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.tollgate.domain.Theories;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.pricing.PricePerMillion;
import dev.tollgate.domain.pricing.TokenPrices;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

class CompletionClampPropertyTest {

  private static final long MAX_PRICE_NANOS = 10_000L * 1_000_000_000L;
  private static final long MAX_TOKENS = 10_000_000L;
  private static final long MAX_AVAILABLE_NANOS = 1_000_000L * 1_000_000_000L;

  /** The invariant: holding the clamped request's maximum cost never exceeds what remained. */
  @Test
  void a_clamped_requests_maximum_cost_never_exceeds_what_remained() {
    theory()
        .forAll(asks())
        .checkAssert(ask -> {
          Money available = ask.available();
          TokenPrices prices = ask.prices();
          long prompt = ask.prompt();
          long requested = ask.requested();
          long min = ask.min();
          OptionalLong clamped =
              CompletionClamp.affordable(prices, prompt, requested, available, min);
          clamped.ifPresent(c -> assertThat(prices.maximumCostOf(prompt, c))
              .isLessThanOrEqualTo(available));
        });
  }

  /** Nothing affordable is given away: one more token would cost more than remained. */
  @Test
  void a_clamp_leaves_no_affordable_token_unused() {
    theory()
        .forAll(asks())
        .checkAssert(ask -> {
          Money available = ask.available();
          TokenPrices prices = ask.prices();
          long prompt = ask.prompt();
          long requested = ask.requested();
          long min = ask.min();
          OptionalLong clamped =
              CompletionClamp.affordable(prices, prompt, requested, available, min);
          clamped.ifPresent(c -> {
            assertThat(c).isLessThanOrEqualTo(requested);
            if (c < requested) {
              assertThat(prices.maximumCostOf(prompt, c + 1)).isGreaterThan(available);
            }
          });
        });
  }

  /** A request is refused only when even the minimum output does not fit. */
  @Test
  void a_request_is_refused_exactly_when_its_minimum_output_does_not_fit() {
    theory()
        .forAll(asks())
        .checkAssert(ask -> {
          Money available = ask.available();
          TokenPrices prices = ask.prices();
          long prompt = ask.prompt();
          long requested = ask.requested();
          long min = ask.min();
          OptionalLong clamped =
              CompletionClamp.affordable(prices, prompt, requested, available, min);
          boolean fitsWhole = prices.maximumCostOf(prompt, requested).compareTo(available) <= 0;
          boolean fitsMinimum = prices.maximumCostOf(prompt, min).compareTo(available) <= 0;

          assertThat(clamped.isPresent()).isEqualTo(fitsWhole || fitsMinimum);
          if (clamped.isPresent() && !fitsWhole) {
            assertThat(clamped.getAsLong()).isGreaterThanOrEqualTo(min);
          }
        });
  }

  /** The generators reach every outcome: kept whole, clamped and refused, each often. */
  @Test
  void the_examples_cover_whole_clamped_and_refused_requests() {
    int[] outcomes = new int[3];
    theory()
        .forAll(asks())
        .checkAssert(ask -> {
          Money available = ask.available();
          OptionalLong c = CompletionClamp.affordable(
              ask.prices(), ask.prompt(), ask.requested(), available, ask.min());
          outcomes[c.isEmpty() ? 2 : c.getAsLong() == ask.requested() ? 0 : 1]++;
        });

    assertThat(java.util.Arrays.stream(outcomes).min().orElseThrow())
        .as("whole, clamped, refused: %s", java.util.Arrays.toString(outcomes))
        .isGreaterThan(Theories.EXAMPLES / 20);
  }

  /** A request: its prices, prompt, completion bound and the tenant's minimum output. */
  private record Ask(TokenPrices prices, long prompt, long requested, long min, Money available) {}

  private record Request(TokenPrices prices, long prompt, long requested, long min) {}

  /**
   * Half the time any amount left ({@link #available()}); half the time what some completion
   * bound k in 0..requested costs at most, give or take a nano-dollar, so clamps are common.
   */
  private static Gen<Ask> asks() {
    return prices().zip(tokens(), tokens(), minOutput(), Request::new).flatMap(r -> {
      Gen<Money> nearACost = longs().between(0, r.requested()).zip(longs().between(-1, 1),
          (k, jitter) -> Money.ofNanoUsd(
              Math.max(0, r.prices().maximumCostOf(r.prompt(), k).nanoUsd() + jitter)));
      return available().mix(nearACost).map(
          a -> new Ask(r.prices(), r.prompt(), r.requested(), r.min(), a));
    });
  }

  private static Gen<Long> tokens() {
    return Generate.frequency(List.of(
        Pair.of(3, longs().between(0, 10_000)), Pair.of(1, longsBetween(0, MAX_TOKENS))));
  }

  private static Gen<Long> minOutput() {
    return longs().between(1, 512);
  }

  /** Half the time near a typical request's cost (cents), else anywhere up to $1M; sometimes negative after an overage. */
  private static Gen<Money> available() {
    return Generate.frequency(List.of(
            Pair.of(4, longs().between(0, 10_000_000L)),
            Pair.of(3, longsBetween(0, MAX_AVAILABLE_NANOS)),
            Pair.of(1, longs().between(-1_000_000L, 0))))
        .map(Money::ofNanoUsd);
  }

  private static Gen<TokenPrices> prices() {
    Gen<PricePerMillion> price = Generate.frequency(List.of(
            Pair.of(1, Generate.constant(0L)),
            Pair.of(4, longs().between(1, 1_000)),
            Pair.of(4, longsBetween(0, MAX_PRICE_NANOS))))
        .map(n -> new PricePerMillion(Money.ofNanoUsd(n)));
    Gen<Money> fee = Generate.constant(Money.ZERO)
        .mix(longs().between(0, 1_000_000L).map(Money::ofNanoUsd));
    return price.zip(price, price, price, List::of).zip(price.toOptionals(5), fee,
        (p, reasoning, requestFee) ->
            new TokenPrices(p.get(0), p.get(1), p.get(2), p.get(3), reasoning, requestFee));
  }
}
