package dev.tollgate.adapter.memory;

import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.pricing.ModelOrigin;
import dev.tollgate.domain.pricing.ModelSpec;
import dev.tollgate.domain.pricing.ServedModel;
import dev.tollgate.port.out.ModelCatalog;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Served models by name; lock-free reads, each change one atomic map operation. */
public final class InMemoryModelCatalog implements ModelCatalog {

  private final Map<ModelName, ServedModel> models = new ConcurrentHashMap<>();

  @Override
  public void seed(ModelSpec model, Instant now) {
    models.merge(model.name(), new ServedModel(model, now, ModelOrigin.CONFIGURED),
        (old, fresh) -> new ServedModel(model, old.addedAt(), ModelOrigin.CONFIGURED));
  }

  @Override
  public boolean add(ModelSpec model, ModelOrigin origin, Instant now) {
    return models.putIfAbsent(model.name(), new ServedModel(model, now, origin)) == null;
  }

  @Override
  public Optional<ServedModel> update(ModelSpec model) {
    return Optional.ofNullable(models.computeIfPresent(model.name(), (n, old) -> old.withSpec(model)));
  }

  @Override
  public Optional<ServedModel> remove(ModelName name) {
    return Optional.ofNullable(models.remove(name));
  }

  @Override
  public Optional<ModelSpec> find(ModelName name) {
    return model(name).map(ServedModel::spec);
  }

  @Override
  public Optional<ServedModel> model(ModelName name) {
    return Optional.ofNullable(models.get(name));
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
