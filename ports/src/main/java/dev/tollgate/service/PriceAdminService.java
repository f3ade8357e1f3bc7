package dev.tollgate.service;

import dev.tollgate.domain.pricing.AddPriceResult;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.pricing.ModelSpec;
import dev.tollgate.domain.pricing.PriceVersion;
import dev.tollgate.domain.tenancy.Actor;
import dev.tollgate.port.in.admin.AdminResult;
import dev.tollgate.port.in.admin.ManagePrices;
import dev.tollgate.port.out.ModelCatalog;
import dev.tollgate.port.out.PriceCatalog;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Price versions: add-only, audited; history is never edited. */
public final class PriceAdminService implements ManagePrices {

  private final PriceCatalog catalog;
  private final ModelCatalog models;
  private final AuditTrail audit;

  PriceAdminService(PriceCatalog catalog, ModelCatalog models, AuditTrail audit) {
    this.catalog = catalog;
    this.models = models;
    this.audit = audit;
  }

  @Override
  public List<ModelSpec> servedModels(Actor actor) {
    return models.all();
  }

  @Override
  public Map<ModelName, List<PriceVersion>> prices(Actor actor) {
    TreeMap<ModelName, List<PriceVersion>> out =
        new TreeMap<>(java.util.Comparator.comparing(ModelName::value));
    for (ModelName model : catalog.models()) {
      out.put(model, catalog.versions(model));
    }
    return out;
  }

  @Override
  public AdminResult<AddPriceResult> addPrice(Actor actor, PriceVersion version) {
    if (!actor.isPlatform()) {
      return new AdminResult.Forbidden<>("Prices are set by the platform administrator.");
    }
    AddPriceResult result = catalog.add(version);
    if (result instanceof AddPriceResult.Added) {
      audit.record(actor, Optional.empty(), "price.add", "price",
          version.model().value() + "@" + version.effectiveFrom(), Map.of(),
          AuditViews.of(version));
    }
    return AdminResult.done(result);
  }
}
