package dev.tollgate.adapter.local;

import dev.tollgate.domain.pricing.AddPriceResult;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.pricing.PriceVersion;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.domain.tenancy.TenantPolicy;
import dev.tollgate.port.out.ModelCatalog;
import dev.tollgate.port.out.PriceCatalog;
import dev.tollgate.port.out.TenantPolicies;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * Last-known copies of the catalogs admission reads on every request (models, prices, tenant
 * policies): no database read per request in steady state, and the last-known catalog through an
 * outage. Prices and tenant policies are each a {@link LastKnown} in front of the shared store;
 * models are one {@link SnapshotModelCatalog}, read whole, so a model added on another replica is
 * served here within seconds. A change made through these is current here at once; other replicas
 * see it within the refresh interval.
 */
public final class LastKnownCatalogs {

  private static final Duration REFRESH_AFTER = Duration.ofSeconds(15);
  private static final int MAX_ENTRIES = 100_000;

  private final SnapshotModelCatalog models;
  private final PriceCatalog prices;
  private final TenantPolicies tenants;

  public LastKnownCatalogs(ModelCatalog models, PriceCatalog prices, TenantPolicies tenants,
      Clock clock, Executor refresher, StoreHealth health) {
    this.models = new SnapshotModelCatalog(models, health);
    this.prices = new Prices(prices, new LastKnown<>(clock, REFRESH_AFTER, MAX_ENTRIES, refresher, health));
    this.tenants = new Tenants(tenants, new LastKnown<>(clock, REFRESH_AFTER, MAX_ENTRIES, refresher, health));
  }

  /** The served models as a snapshot refreshed every few seconds ({@link SnapshotModelCatalog}). */
  public SnapshotModelCatalog models() {
    return models;
  }

  public PriceCatalog prices() {
    return prices;
  }

  public TenantPolicies tenants() {
    return tenants;
  }

  private record Prices(PriceCatalog store, LastKnown<ModelName, List<PriceVersion>> versions)
      implements PriceCatalog {
    @Override
    public AddPriceResult add(PriceVersion version) {
      AddPriceResult result = store.add(version);
      versions.forget(version.model());
      return result;
    }

    /** The latest version effective by {@code instant}, from the model's last-known versions. */
    @Override
    public Optional<PriceVersion> inForceAt(ModelName model, Instant instant) {
      PriceVersion latest = null; // a loop: every request prices its model here
      for (PriceVersion v : versions.get(model, store::versions)) {
        if (!v.effectiveFrom().isAfter(instant)
            && (latest == null || v.effectiveFrom().isAfter(latest.effectiveFrom()))) {
          latest = v;
        }
      }
      return Optional.ofNullable(latest);
    }

    @Override
    public List<PriceVersion> versions(ModelName model) {
      return versions.get(model, store::versions);
    }

    @Override
    public Set<ModelName> models() {
      return store.models();
    }
  }

  private record Tenants(TenantPolicies store, LastKnown<TenantId, Optional<TenantPolicy>> byId)
      implements TenantPolicies {
    @Override
    public void put(TenantPolicy policy) {
      store.put(policy);
      byId.put(policy.tenant(), Optional.of(policy));
    }

    @Override
    public Optional<TenantPolicy> find(TenantId tenant) {
      return byId.get(tenant, store::find);
    }
  }
}
