package dev.tollgate.port.out;

import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.pricing.ModelSpec;
import dev.tollgate.domain.pricing.ServedModel;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The models the platform serves, with their upstream names and output caps. */
public interface ModelCatalog {

  /**
   * Adds the model, as added at {@code now}, or replaces the spec of the model with this name and
   * keeps when it was first added.
   */
  void put(ModelSpec model, Instant now);

  Optional<ModelSpec> find(ModelName name);

  /** Every model, ordered by name. */
  List<ModelSpec> all();

  /** Every model with when it was first added, ordered by name. */
  List<ServedModel> served();
}
