package dev.tollgate.domain.admission;

import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.pricing.TokenPrices;
import java.util.OptionalLong;

/**
 * Lowering a request instead of refusing it: the most completion tokens a budget can still pay
 * for, at the request's maximum-cost rates. A clamped request's maximum cost never exceeds what
 * remained, so holding it keeps the budget's invariant; a clamp shorter than the tenant's minimum
 * output is no clamp (a three-token answer helps nobody), and the request is refused as before.
 */
public final class CompletionClamp {

  private CompletionClamp() {}

  /**
   * The completion bound to admit the request with: {@code requested} when the budget covers it,
   * else the largest bound it covers if that is at least {@code minOutputTokens}; empty when not
   * even that fits.
   *
   * @param requested the request's completion bound (its own, capped by the model's)
   * @param available what the tightest budget has left
   */
  public static OptionalLong affordable(
      TokenPrices prices, long promptTokens, long requested, Money available,
      long minOutputTokens) {
    if (requested < 0 || minOutputTokens < 1) {
      throw new IllegalArgumentException(
          "requested must be >= 0 and minOutputTokens >= 1: " + requested + ", " + minOutputTokens);
    }
    long affordable = prices.affordableCompletionTokens(promptTokens, available);
    if (affordable >= requested) {
      return OptionalLong.of(requested);
    }
    return affordable >= minOutputTokens ? OptionalLong.of(affordable) : OptionalLong.empty();
  }

  /**
   * The per-choice completion bound to admit a request for {@code choices} completions (n,
   * best_of) with: each choice gets the same bound, so the affordable total is split evenly and
   * rounded down, and all choices together never cost more than {@code available}. {@code
   * requestedTotal} is the request's bound for all choices together ({@code choices} times its
   * per-choice bound); the minimum output applies to each choice. Empty when not even the minimum
   * fits every choice.
   */
  public static OptionalLong affordablePerChoice(
      TokenPrices prices, long promptTokens, long requestedTotal, Money available,
      long minOutputTokens, int choices) {
    if (choices < 1) {
      throw new IllegalArgumentException("choices must be >= 1: " + choices);
    }
    OptionalLong total = affordable(prices, promptTokens, requestedTotal, available,
        Math.multiplyExact(minOutputTokens, (long) choices));
    return total.isEmpty() ? total : OptionalLong.of(total.getAsLong() / choices);
  }
}
