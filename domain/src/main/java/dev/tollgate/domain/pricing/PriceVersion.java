package dev.tollgate.domain.pricing;

import java.time.Instant;

/**
 * The prices of one model from an instant on. Versions are only ever added, never edited, so a
 * ledger entry can always name the version it was priced with.
 */
public record PriceVersion(ModelName model, Instant effectiveFrom, TokenPrices prices) {

  public PriceVersion {
    if (model == null || effectiveFrom == null || prices == null) {
      throw new IllegalArgumentException("model, effectiveFrom and prices are required");
    }
  }
}
