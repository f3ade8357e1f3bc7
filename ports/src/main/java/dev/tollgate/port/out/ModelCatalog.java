package dev.tollgate.port.out;

import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.pricing.ModelOrigin;
import dev.tollgate.domain.pricing.ModelSpec;
import dev.tollgate.domain.pricing.ServedModel;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The models the platform serves, with their upstream names, output caps and origins. Configuration
 * seeds its models at every start; others are added, updated and removed at run time.
 */
public interface ModelCatalog {

  /**
   * A configured model, written at start: added as configured at {@code now}, or the spec of the
   * model with this name replaced (it becomes configured, whatever it was) keeping when it was
   * first added.
   */
  void seed(ModelSpec model, Instant now);

  /**
   * Adds the model with its origin as added at {@code now}; false, and nothing changed, when a model
   * with this name is served already.
   */
  boolean add(ModelSpec model, ModelOrigin origin, Instant now);

  /**
   * Replaces the spec of the model with this name, keeping its origin and when it was added: the
   * model as it is now, or empty (nothing changed) when no model has this name.
   */
  Optional<ServedModel> update(ModelSpec model);

  /** Removes the model with this name: the model removed, or empty when there was none. */
  Optional<ServedModel> remove(ModelName name);

  Optional<ModelSpec> find(ModelName name);

  /** The model with this name with when it was added and its origin. */
  default Optional<ServedModel> model(ModelName name) {
    return served().stream().filter(m -> m.name().equals(name)).findFirst();
  }

  /** Every model, ordered by name. */
  List<ModelSpec> all();

  /** Every model with when it was first added and its origin, ordered by name. */
  List<ServedModel> served();
}
