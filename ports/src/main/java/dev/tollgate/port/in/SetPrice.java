package dev.tollgate.port.in;

import dev.tollgate.domain.pricing.PriceVersion;
import dev.tollgate.port.out.AddPriceResult;

/** Adds a price version for a model, effective from an instant. */
public interface SetPrice {

  AddPriceResult addPrice(PriceVersion version);
}
