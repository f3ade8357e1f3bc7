package dev.tollgate.service;

import dev.tollgate.domain.admission.Admission.Denied;
import dev.tollgate.domain.admission.AdmissionPolicy;
import dev.tollgate.domain.admission.DenialReason;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.key.KeyRole;
import dev.tollgate.domain.key.VirtualKey;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.pricing.ModelSpec;
import dev.tollgate.domain.pricing.PriceVersion;
import dev.tollgate.domain.tenancy.Tag;
import dev.tollgate.domain.tenancy.Tags;
import dev.tollgate.domain.tenancy.TenantPolicy;
import dev.tollgate.port.in.AuthorizeCommand;
import dev.tollgate.port.out.Stores;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Admission's first stage, which counts and holds nothing: the key known and in force, the tenant
 * active, the request's tags allowed by the tenant, the model resolved through the tenant's
 * aliases, allowed, served and priced. Its answer is a value either way, so the counting stages
 * switch over it instead of casting.
 */
sealed interface Resolution {

  /**
   * A key and model that passed every check that needs no counting, with the scope chain the
   * request counts against (derived here, once per request, and carried on the ticket).
   */
  record Resolved(VirtualKey key, TenantPolicy policy, ModelSpec model, PriceVersion price,
      List<Scope> scopes) implements Resolution {}

  /** Refused before anything was counted: nothing to give back. */
  record Refused(Denied denial) implements Resolution {}

  static Resolution of(Stores stores, AuthorizeCommand command, Instant now) {
    VirtualKey key;
    switch (KeyLookup.find(stores.keys(), command.secret(), now, KeyRole.INFERENCE)) {
      case KeyLookup.Refused refused -> {
        return new Refused(refused.denial());
      }
      case KeyLookup.Found found -> key = found.key();
    }
    TenantPolicy policy =
        stores.tenants().find(key.owner().tenant()).orElse(TenantPolicy.open(key.owner().tenant()));
    Optional<Denied> tenantDenial = AdmissionPolicy.checkTenant(policy);
    if (tenantDenial.isPresent()) {
      return new Refused(tenantDenial.get());
    }
    for (Tag tag : command.tags().values()) {
      if (!policy.allowsTag(tag)) {
        return new Refused(Denied.of(DenialReason.TAG_NOT_ALLOWED,
            "The tag '" + tag.value() + "' is not allowed for this key's tenant."));
      }
    }
    ModelName name = policy.resolve(command.model());
    Optional<Denied> keyDenial = AdmissionPolicy.checkKey(key, name, now);
    if (keyDenial.isPresent()) {
      return new Refused(keyDenial.get());
    }
    return priced(stores, command, key, policy, name, now);
  }

  private static Resolution priced(Stores stores, AuthorizeCommand command, VirtualKey key,
      TenantPolicy policy, ModelName name, Instant now) {
    Optional<ModelSpec> model = stores.models().find(name);
    if (model.isEmpty() || !policy.allows(name)) {
      return new Refused(Denied.of(DenialReason.MODEL_NOT_FOUND,
          "The model '" + command.model() + "' does not exist or you do not have access to it."));
    }
    Optional<PriceVersion> price = stores.prices().inForceAt(name, now);
    if (price.isEmpty()) {
      return new Refused(Denied.of(DenialReason.MODEL_NOT_PRICED,
          "The model '" + command.model() + "' has no price yet and cannot be used."));
    }
    return new Resolved(key, policy, model.get(), price.get(),
        // The end user's scope only in a tenant with end-user budgets, the tags' only in one with tag
        // budgets: any other pays no read for them.
        Scope.chainOf(key.owner(), key.id(), model.get().name(),
            policy.endUserBudgets() ? command.endUserUnder(policy) : Optional.empty(),
            policy.tagBudgets() ? command.tags() : Tags.NONE));
  }
}
