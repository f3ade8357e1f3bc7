package dev.tollgate.domain.pricing;

import static dev.tollgate.domain.Theories.longsBetween;
import static dev.tollgate.domain.Theories.theory;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.usage.TokenUsage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

class PricingPropertyTest {

  /**
   * Up to 10^10 tokens per part at up to $10,000 per million: far above any real request, yet the
   * sum of two such usages still fits in nano-USD.
   */
  private static final long MAX_TOKENS = 10_000_000_000L;

  private static final long MAX_PRICE_NANOS = 10_000L * 1_000_000_000L;

  @Test
  void cost_is_the_exact_sum_rounded_up_once_plus_the_fee() {
    theory()
        .forAll(prices(), usages())
        .checkAssert(
            (prices, usage) -> {
              BigDecimal exactUsd =
                  usd(prices.input())
                      .multiply(BigDecimal.valueOf(usage.inputTokens()))
                      .add(
                          usd(prices.cachedInput())
                              .multiply(BigDecimal.valueOf(usage.cachedInputTokens())))
                      .add(
                          usd(prices.cacheWriteInput())
                              .multiply(BigDecimal.valueOf(usage.cacheWriteInputTokens())))
                      .add(usd(prices.output()).multiply(BigDecimal.valueOf(usage.outputTokens())))
                      .add(
                          usd(prices.reasoning().orElse(prices.output()))
                              .multiply(BigDecimal.valueOf(usage.reasoningTokens())))
                      .divide(BigDecimal.valueOf(1_000_000));
              BigDecimal nanos = exactUsd.movePointRight(9).setScale(0, RoundingMode.CEILING);
              BigDecimal expected = nanos.add(BigDecimal.valueOf(prices.requestFee().nanoUsd()));

              assertThat(BigDecimal.valueOf(prices.costOf(usage).nanoUsd()))
                  .isEqualByComparingTo(expected);
            });
  }

  @Test
  void splitting_a_usage_costs_at_most_one_nano_more_per_extra_part() {
    theory()
        .forAll(feelessPrices(), usages(), usages())
        .checkAssert(
            (prices, a, b) -> {
              long split = prices.costOf(a).plus(prices.costOf(b)).nanoUsd();
              long whole = prices.costOf(a.plus(b)).nanoUsd();

              assertThat(split - whole).isBetween(0L, 1L);
            });
  }

  @Test
  void the_maximum_cost_bounds_every_usage_within_the_token_counts() {
    theory()
        .forAll(prices(), usages())
        .checkAssert(
            (prices, usage) -> {
              Money max = prices.maximumCostOf(usage.promptTokens(), usage.completionTokens());

              assertThat(prices.costOf(usage)).isLessThanOrEqualTo(max);
            });
  }

  @Test
  void a_usage_with_any_priced_token_costs_more_than_its_fee() {
    theory()
        .forAll(prices(), usages())
        .checkAssert(
            (prices, usage) -> {
              boolean anyPricedToken =
                  priced(usage.inputTokens(), prices.input())
                      || priced(usage.cachedInputTokens(), prices.cachedInput())
                      || priced(usage.cacheWriteInputTokens(), prices.cacheWriteInput())
                      || priced(usage.outputTokens(), prices.output())
                      || priced(usage.reasoningTokens(), prices.reasoningOrOutput());
              Money tokenCost = prices.costOf(usage).minus(prices.requestFee());

              assertThat(tokenCost.isPositive()).isEqualTo(anyPricedToken);
            });
  }

  @Test
  void the_maximum_cost_is_the_exact_worst_case_rounded_up_once_plus_the_fee() {
    theory()
        .forAll(prices(), usages())
        .checkAssert(
            (prices, usage) -> {
              long prompt = usage.inputTokens();
              long completion = usage.outputTokens();
              PricePerMillion promptRate = prices.input().max(prices.cachedInput())
                  .max(prices.cacheWriteInput()).max(prices.cacheWrite1hInput());
              PricePerMillion completionRate =
                  prices.output().max(prices.reasoning().orElse(prices.output()));
              BigDecimal exactUsd =
                  usd(promptRate).multiply(BigDecimal.valueOf(prompt))
                      .add(usd(completionRate).multiply(BigDecimal.valueOf(completion)))
                      .divide(BigDecimal.valueOf(1_000_000));
              BigDecimal nanos = exactUsd.movePointRight(9).setScale(0, RoundingMode.CEILING);

              assertThat(BigDecimal.valueOf(prices.maximumCostOf(prompt, completion).nanoUsd()))
                  .isEqualByComparingTo(
                      nanos.add(BigDecimal.valueOf(prices.requestFee().nanoUsd())));
            });
  }

  private static boolean priced(long tokens, PricePerMillion price) {
    return tokens > 0 && price.perMillionTokens().isPositive();
  }

  private static BigDecimal usd(PricePerMillion price) {
    return price.perMillionTokens().toUsd();
  }

  /** Each part: 3 in 4 small counts (0 to 10,000), 1 in 4 anywhere up to {@link #MAX_TOKENS}. */
  private static Gen<TokenUsage> usages() {
    Gen<Long> tokens =
        Generate.frequency(
            List.of(
                Pair.of(3, longs().between(0, 10_000)), Pair.of(1, longsBetween(0, MAX_TOKENS))));
    return tokens.zip(tokens, tokens, tokens, tokens, TokenUsage::new);
  }

  /** A request fee that is half the time zero, else anything up to $1. */
  private static Gen<TokenPrices> prices() {
    Gen<Money> fee =
        Generate.constant(Money.ZERO)
            .mix(longsBetween(0, 1_000_000_000L).map(Money::ofNanoUsd));
    return pricesWithFee(fee);
  }

  private static Gen<TokenPrices> feelessPrices() {
    return pricesWithFee(Generate.constant(Money.ZERO));
  }

  /**
   * Each price: free (1 in 9), up to 1,000 nano-USD per million (4 in 9), or anywhere up to
   * $10,000 per million (4 in 9); the reasoning price is absent 5% of the time.
   */
  private static Gen<TokenPrices> pricesWithFee(Gen<Money> fee) {
    Gen<PricePerMillion> price =
        Generate.frequency(
                List.of(
                    Pair.of(1, Generate.constant(0L)),
                    Pair.of(4, longs().between(1, 1_000)),
                    Pair.of(4, longsBetween(0, MAX_PRICE_NANOS))))
            .map(n -> new PricePerMillion(Money.ofNanoUsd(n)));
    Gen<List<PricePerMillion>> inputAndOutput = price.zip(price, price, price, List::of);
    return inputAndOutput.zip(
        price.toOptionals(5),
        fee,
        (p, reasoning, requestFee) ->
            new TokenPrices(p.get(0), p.get(1), p.get(2), p.get(3), reasoning, requestFee));
  }
}
