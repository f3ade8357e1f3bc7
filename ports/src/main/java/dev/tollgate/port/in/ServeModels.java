package dev.tollgate.port.in;

import dev.tollgate.domain.pricing.ModelSpec;
import dev.tollgate.domain.tenancy.TenantPolicy;
import java.util.List;

/** Which models the platform serves, and how each tenant may use them. */
public interface ServeModels {

  /** Adds or replaces a served model. A model also needs a price to be callable. */
  void serve(ModelSpec model);

  List<ModelSpec> served();

  /** Sets a tenant's allow-list, aliases, priority and fairness. */
  void setTenantPolicy(TenantPolicy policy);
}
