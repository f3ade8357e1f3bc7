package dev.tollgate.port.in.admin;

import dev.tollgate.domain.pricing.AddPriceResult;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.pricing.ModelSpec;
import dev.tollgate.domain.pricing.PriceVersion;
import dev.tollgate.domain.tenancy.Actor;
import java.util.List;
import java.util.Map;

/** Price versions: listed by anyone with admin rights, added (never edited) by the platform. */
public interface ManagePrices {

  /** Every priced model's versions, oldest first, models by name. */
  Map<ModelName, List<PriceVersion>> prices(Actor actor);

  AdminResult<AddPriceResult> addPrice(Actor actor, PriceVersion version);

  /** The models the platform serves (what a price import prices), by name. */
  List<ModelSpec> servedModels(Actor actor);
}
