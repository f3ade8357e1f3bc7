package dev.tollgate.port.in;

import dev.tollgate.domain.pricing.AddPriceResult;
import dev.tollgate.domain.pricing.PriceVersion;

/** Adds a price version for a model, effective from an instant. */
public interface SetPrice {

  AddPriceResult addPrice(PriceVersion version);
}
