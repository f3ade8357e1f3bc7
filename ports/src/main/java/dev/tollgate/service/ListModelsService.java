package dev.tollgate.service;

import dev.tollgate.domain.admission.Admission.Denied;
import dev.tollgate.domain.admission.AdmissionPolicy;
import dev.tollgate.domain.key.VirtualKey;
import dev.tollgate.domain.pricing.ServedModel;
import dev.tollgate.domain.tenancy.TenantPolicy;
import dev.tollgate.port.in.ListModels;
import dev.tollgate.port.out.Stores;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Lists what a key may call, with the same key checks admission makes. */
public final class ListModelsService implements ListModels {

  private final Stores stores;
  private final Clock clock;

  public ListModelsService(Stores stores, Clock clock) {
    this.stores = stores;
    this.clock = clock;
  }

  @Override
  public Answer list(String presentedKey) {
    Instant now = clock.instant();
    VirtualKey key;
    switch (KeyLookup.find(stores.keys(), presentedKey, now)) {
      case KeyLookup.Refused refused -> {
        return new Refused(refused.denial());
      }
      case KeyLookup.Found found -> key = found.key();
    }
    Optional<Denied> state = AdmissionPolicy.checkKeyState(key, now);
    if (state.isPresent()) {
      return new Refused(state.get());
    }
    TenantPolicy policy =
        stores.tenants().find(key.owner().tenant()).orElse(TenantPolicy.open(key.owner().tenant()));
    Optional<Denied> tenantState = AdmissionPolicy.checkTenant(policy);
    if (tenantState.isPresent()) {
      return new Refused(tenantState.get());
    }
    List<ServedModel> usable =
        stores.models().served().stream()
            .filter(m -> policy.allows(m.name()) && key.allows(m.name()))
            .filter(m -> stores.prices().inForceAt(m.name(), now).isPresent())
            .toList();
    return new Models(usable);
  }
}
