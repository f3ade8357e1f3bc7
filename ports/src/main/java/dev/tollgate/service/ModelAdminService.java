package dev.tollgate.service;

import dev.tollgate.domain.pricing.AddPriceResult;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.pricing.ModelOrigin;
import dev.tollgate.domain.pricing.ModelSpec;
import dev.tollgate.domain.pricing.PriceVersion;
import dev.tollgate.domain.pricing.ServedModel;
import dev.tollgate.domain.pricing.TokenPrices;
import dev.tollgate.domain.tenancy.Actor;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.domain.tenancy.TenantPolicy;
import dev.tollgate.port.in.admin.AdminResult;
import dev.tollgate.port.in.admin.ManageModels;
import dev.tollgate.port.out.ModelCatalog;
import dev.tollgate.port.out.PriceCatalog;
import dev.tollgate.port.out.TenantPolicies;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Served models at run time, audited; prices through the price catalog's versions. Only the
 * platform administrator changes models; configured ones are changed in configuration.
 */
public final class ModelAdminService implements ManageModels {

  private static final String PLATFORM_ONLY = "Models are managed by the platform administrator.";

  private final ModelCatalog models;
  private final PriceCatalog prices;
  private final TenantPolicies tenants;
  private final AuditTrail audit;
  private final Clock clock;

  ModelAdminService(ModelCatalog models, PriceCatalog prices, TenantPolicies tenants,
      AuditTrail audit, Clock clock) {
    this.models = models;
    this.prices = prices;
    this.tenants = tenants;
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public AdminResult<List<ModelEntry>> models(Actor actor, Optional<TenantId> tenant) {
    if (tenant.isPresent() && !actor.sees(tenant.get())) {
      return AdminResult.notFound("tenant");
    }
    Predicate<ModelName> visible = tenant.or(actor::tenant).map(this::allowedFor)
        .orElse(name -> true);
    Instant now = clock.instant();
    return AdminResult.done(models.served().stream().filter(m -> visible.test(m.name()))
        .map(m -> entry(m, now)).toList());
  }

  @Override
  public AdminResult<ModelEntry> model(Actor actor, ModelName name) {
    return models.model(name).filter(m -> visibleTo(actor).test(m.name()))
        .<AdminResult<ModelEntry>>map(m -> AdminResult.done(entry(m, clock.instant())))
        .orElseGet(() -> AdminResult.notFound("model " + name));
  }

  @Override
  public AdminResult<ModelEntry> addModel(Actor actor, AddModel command) {
    if (!actor.isPlatform()) {
      return new AdminResult.Forbidden<>(PLATFORM_ONLY);
    }
    ModelSpec spec = command.spec();
    Optional<String> bad = ManageModels.checkName(spec.name().value());
    if (bad.isPresent()) {
      return new AdminResult.Invalid<>("name", bad.get());
    }
    Instant now = clock.instant();
    if (!models.add(spec, ModelOrigin.RUNTIME, now)) {
      return new AdminResult.Conflict<>("Model " + spec.name() + " is served already; change it"
          + " with an update.");
    }
    ServedModel added = new ServedModel(spec, now, ModelOrigin.RUNTIME);
    if (command.price().isPresent()) {
      Optional<String> refused = price(actor, spec.name(), command.price().get(), now);
      if (refused.isPresent()) {
        models.remove(spec.name()); // the add is undone: the model and its price come together
        return new AdminResult.Conflict<>(refused.get());
      }
    }
    audit.record(actor, Optional.empty(), "model.add", "model", spec.name().value(), Map.of(),
        view(added));
    return AdminResult.done(entry(added, now));
  }

  @Override
  public AdminResult<ModelEntry> updateModel(Actor actor, ModelChange change) {
    if (!actor.isPlatform()) {
      return new AdminResult.Forbidden<>(PLATFORM_ONLY);
    }
    Optional<ServedModel> found = models.model(change.name());
    if (found.isEmpty()) {
      return AdminResult.notFound("model " + change.name());
    }
    ServedModel before = found.get();
    ModelSpec spec = new ModelSpec(change.name(),
        change.upstreamName().orElse(before.spec().upstreamName()),
        change.maxOutputTokens().orElse(before.spec().maxOutputTokens()));
    boolean specChanges = !spec.equals(before.spec());
    if (specChanges && !before.origin().changeableAtRunTime()) {
      return new AdminResult.Conflict<>(configured(change.name()));
    }
    Instant now = clock.instant();
    ServedModel after = before;
    if (specChanges) {
      Optional<ServedModel> updated = models.update(spec);
      if (updated.isEmpty()) {
        return AdminResult.notFound("model " + change.name()); // removed meanwhile
      }
      after = updated.get();
      audit.record(actor, Optional.empty(), "model.update", "model", spec.name().value(),
          view(before), view(after));
    }
    if (change.price().isPresent()) {
      Optional<String> refused = price(actor, spec.name(), change.price().get(), now);
      if (refused.isPresent()) {
        return new AdminResult.Conflict<>(refused.get());
      }
    }
    return AdminResult.done(entry(after, now));
  }

  @Override
  public AdminResult<ModelEntry> removeModel(Actor actor, ModelName name) {
    if (!actor.isPlatform()) {
      return new AdminResult.Forbidden<>(PLATFORM_ONLY);
    }
    Optional<ServedModel> found = models.model(name);
    if (found.isEmpty()) {
      return AdminResult.notFound("model " + name);
    }
    if (!found.get().origin().changeableAtRunTime()) {
      return new AdminResult.Conflict<>(configured(name));
    }
    Instant now = clock.instant();
    Optional<ServedModel> removed = models.remove(name);
    if (removed.isEmpty()) {
      return AdminResult.notFound("model " + name);
    }
    audit.record(actor, Optional.empty(), "model.remove", "model", name.value(),
        view(removed.get()), Map.of());
    return AdminResult.done(entry(removed.get(), now));
  }

  /** A price version from {@code now}, audited as the price API's are; a refusal's message. */
  private Optional<String> price(Actor actor, ModelName name, TokenPrices tokenPrices,
      Instant now) {
    PriceVersion version = new PriceVersion(name, now, tokenPrices);
    AddPriceResult result = prices.add(version);
    return switch (result) {
      case AddPriceResult.Added added -> {
        audit.record(actor, Optional.empty(), "price.add", "price",
            name.value() + "@" + now, Map.of(), AuditViews.of(version));
        yield Optional.empty();
      }
      case AddPriceResult.Exists exists -> Optional.empty();
      case AddPriceResult.ConflictsWith c -> Optional.of("Another price version of " + name
          + " starts at " + now + "; retry.");
    };
  }

  private ModelEntry entry(ServedModel model, Instant now) {
    return new ModelEntry(model, prices.inForceAt(model.name(), now));
  }

  private Predicate<ModelName> visibleTo(Actor actor) {
    return actor.tenant().map(this::allowedFor).orElse(name -> true);
  }

  private Predicate<ModelName> allowedFor(TenantId tenant) {
    return tenants.find(tenant).orElse(TenantPolicy.open(tenant))::allows;
  }

  private static String configured(ModelName name) {
    return "Model " + name + " comes from configuration (tollgate.models); change it there: a"
        + " run-time change would be undone at the next start.";
  }

  private static Map<String, String> view(ServedModel m) {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("name", m.name().value());
    v.put("upstream_name", m.spec().upstreamName().value());
    v.put("max_output_tokens", Long.toString(m.spec().maxOutputTokens()));
    v.put("origin", m.origin().wireName());
    return v;
  }
}
