package dev.tollgate.adapter.memory;

import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.pricing.ModelSpec;
import dev.tollgate.port.out.ModelCatalog;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Served models by name; lock-free reads. */
public final class InMemoryModelCatalog implements ModelCatalog {

  private final Map<ModelName, ModelSpec> models = new ConcurrentHashMap<>();

  @Override
  public void put(ModelSpec model) {
    models.put(model.name(), model);
  }

  @Override
  public Optional<ModelSpec> find(ModelName name) {
    return Optional.ofNullable(models.get(name));
  }

  @Override
  public List<ModelSpec> all() {
    return models.values().stream()
        .sorted(Comparator.comparing(m -> m.name().value()))
        .toList();
  }
}
