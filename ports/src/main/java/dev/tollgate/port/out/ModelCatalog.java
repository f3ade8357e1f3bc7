package dev.tollgate.port.out;

import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.pricing.ModelSpec;
import java.util.List;
import java.util.Optional;

/** The models the platform serves, with their upstream names and output caps. */
public interface ModelCatalog {

  /** Adds or replaces the model with this name. */
  void put(ModelSpec model);

  Optional<ModelSpec> find(ModelName name);

  /** Every model, ordered by name. */
  List<ModelSpec> all();
}
