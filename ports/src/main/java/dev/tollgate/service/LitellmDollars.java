package dev.tollgate.service;

import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.pricing.PricePerMillion;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * LiteLLM keeps dollars as binary floats; the reader hands them over as PostgreSQL's own
 * float-to-numeric cast makes them: 15 significant digits (0.1 stays 0.1, not
 * 0.1000000000000000055…, and a float sum's noise such as 0.30000000000000004 is 0.3). That is
 * exact to the nano-dollar below a million dollars. From there one rule per direction, so the
 * import never gives anyone more than LiteLLM did: what was spent or is charged rounds up to the
 * next nano-dollar (Tollgate's own rounding rule), a limit rounds down. A negative amount is zero.
 */
final class LitellmDollars {

  private static final int NANO_DECIMALS = 9;

  private LitellmDollars() {}

  /** Spend: rounded up; empty if it does not fit in nano-USD (more than ~9.2 billion USD). */
  static Optional<Money> spent(BigDecimal usd) {
    return exact(usd.setScale(NANO_DECIMALS, RoundingMode.CEILING));
  }

  /** A budget limit: rounded down; empty if it does not fit. */
  static Optional<Money> limit(BigDecimal usd) {
    return exact(usd.setScale(NANO_DECIMALS, RoundingMode.FLOOR));
  }

  /** LiteLLM's price per token as Tollgate's price per million tokens, rounded up. */
  static Optional<PricePerMillion> perMillion(BigDecimal usdPerToken) {
    return exact(usdPerToken.movePointRight(6).setScale(NANO_DECIMALS, RoundingMode.CEILING))
        .map(PricePerMillion::new);
  }

  private static Optional<Money> exact(BigDecimal scaled) {
    if (scaled.signum() <= 0) {
      return Optional.of(Money.ZERO);
    }
    try {
      return Optional.of(Money.usd(scaled));
    } catch (IllegalArgumentException tooLarge) {
      return Optional.empty();
    }
  }
}
