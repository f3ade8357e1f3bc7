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

  public PricePerMillion max(PricePerMillion other) {
    return perMillionTokens.isAtLeast(other.perMillionTokens) ? this : other;
  }

  @Override
  public String toString() {
    return perMillionTokens.toPlainUsd() + "/Mtok";
  }
}
