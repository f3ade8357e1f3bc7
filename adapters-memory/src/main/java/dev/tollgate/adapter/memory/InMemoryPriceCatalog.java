package dev.tollgate.adapter.memory;

import dev.tollgate.domain.pricing.AddPriceResult;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.pricing.PriceSchedule;
import dev.tollgate.domain.pricing.PriceVersion;
import dev.tollgate.port.out.PriceCatalog;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Price schedules per model; reads are lock-free, adds replace a model's schedule atomically. */
public final class InMemoryPriceCatalog implements PriceCatalog {

  private final Map<ModelName, PriceSchedule> schedules = new ConcurrentHashMap<>();

  @Override
  public synchronized AddPriceResult add(PriceVersion version) {
    PriceSchedule schedule = schedules.get(version.model());
    if (schedule != null) {
      for (PriceVersion existing : schedule.versions()) {
        if (existing.effectiveFrom().equals(version.effectiveFrom())) {
          return existing.equals(version)
              ? new AddPriceResult.Exists()
              : new AddPriceResult.ConflictsWith(existing);
        }
      }
    }
    schedules.put(
        version.model(),
        schedule == null ? PriceSchedule.of(version.model(), List.of(version)) : schedule.with(version));
    return new AddPriceResult.Added();
  }

  @Override
  public Optional<PriceVersion> inForceAt(ModelName model, Instant instant) {
    PriceSchedule schedule = schedules.get(model);
    return schedule == null ? Optional.empty() : schedule.inForceAt(instant);
  }

  @Override
  public List<PriceVersion> versions(ModelName model) {
    PriceSchedule schedule = schedules.get(model);
    return schedule == null ? List.of() : schedule.versions();
  }

  @Override
  public Set<ModelName> models() {
    return Set.copyOf(schedules.keySet());
  }
}
