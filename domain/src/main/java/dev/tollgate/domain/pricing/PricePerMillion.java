package dev.tollgate.domain.pricing;

import dev.tollgate.domain.money.Money;
import java.math.BigInteger;

/**
 * A price per million tokens. Per-token prices fall below a nano-dollar for cheap models, so the
 * rate is kept per million and only the product with a token count is rounded (up, once, by
 * {@link dev.tollgate.domain.pricing.TokenPrices#costOf}).
 */
public record PricePerMillion(Money perMillionTokens) {

  public static final PricePerMillion FREE = new PricePerMillion(Money.ZERO);

  public PricePerMillion {
    if (perMillionTokens.isNegative()) {
      throw new IllegalArgumentException("price must not be negative: " + perMillionTokens);
    }
  }

  public static PricePerMillion usd(String usdPerMillionTokens) {
    return new PricePerMillion(Money.usd(usdPerMillionTokens));
  }

  /** tokens x nano-USD per million: exact, still to be divided by one million. */
  BigInteger timesTokens(long tokens) {
    return BigInteger.valueOf(perMillionTokens.nanoUsd()).multiply(BigInteger.valueOf(tokens));
  }

  /**
   * The same product as {@link #timesTokens} when it fits in a long, else -1 (never a product:
   * prices and token counts are not negative). A request's pricing takes this path; only products
   * beyond about 9.2 x 10^18 (10^9 tokens at $9,000 per million) take the big integers.
   */
  long timesTokensIfLong(long tokens) {
    long rate = perMillionTokens.nanoUsd();
    long low = rate * tokens;
    return Math.multiplyHigh(rate, tokens) == 0 && low >= 0 ? low : -1;
  }

  public PricePerMillion max(PricePerMillion other) {
    return perMillionTokens.isAtLeast(other.perMillionTokens) ? this : other;
  }

  @Override
  public String toString() {
    return perMillionTokens.toPlainUsd() + "/Mtok";
  }
}
