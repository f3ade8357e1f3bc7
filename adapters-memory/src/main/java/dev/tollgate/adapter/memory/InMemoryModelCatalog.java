package dev.tollgate.adapter.memory;

import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.pricing.ModelSpec;
import dev.tollgate.domain.pricing.ServedModel;
import dev.tollgate.port.out.ModelCatalog;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Served models by name; lock-free reads. */
public final class InMemoryModelCatalog implements ModelCatalog {

  private final Map<ModelName, ServedModel> models = new ConcurrentHashMap<>();

  @Override
  public void put(ModelSpec model, Instant now) {
    models.merge(model.name(), new ServedModel(model, now),
        (old, fresh) -> new ServedModel(model, old.addedAt()));
  }

  @Override
  public Optional<ModelSpec> find(ModelName name) {
    return Optional.ofNullable(models.get(name)).map(ServedModel::spec);
  }

  @Override
  public List<ModelSpec> all() {
    return served().stream().map(ServedModel::spec).toList();
  }

  @Override
  public List<ServedModel> served() {
    return models.values().stream()
        .sorted(Comparator.comparing(m -> m.name().value()))
        .toList();
  }
}
