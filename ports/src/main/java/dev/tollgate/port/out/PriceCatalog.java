package dev.tollgate.port.out;

import dev.tollgate.domain.pricing.AddPriceResult;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.pricing.PriceVersion;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Price versions per model. Add-only: a price change is a new version from an instant on. */
public interface PriceCatalog {

  AddPriceResult add(PriceVersion version);

  /** The version in force at {@code instant}: the latest that is effective by then. */
  Optional<PriceVersion> inForceAt(ModelName model, Instant instant);

  /** Every version of a model, oldest first. */
  List<PriceVersion> versions(ModelName model);

  Set<ModelName> models();
}
