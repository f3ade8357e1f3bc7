package dev.tollgate.service;

import dev.tollgate.domain.admission.Admission.Denied;
import dev.tollgate.domain.admission.DenialReason;
import dev.tollgate.domain.key.KeyFormat;
import dev.tollgate.domain.key.VirtualKey;
import dev.tollgate.domain.pricing.ModelSpec;
import dev.tollgate.domain.tenancy.TenantPolicy;
import dev.tollgate.port.in.ListModels;
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
    switch (KeyFormat.parse(presentedKey)) {
      case KeyFormat.Malformed m -> {
        return new Refused(Denied.of(DenialReason.MALFORMED_KEY, "Invalid API key: " + m.why() + "."));
      }
      case KeyFormat.Wellformed w -> {
        Optional<VirtualKey> found = stores.keys().findByHash(w.secret().hash());
        if (found.isEmpty()) {
          return new Refused(Denied.of(DenialReason.UNKNOWN_KEY, "Incorrect API key provided."));
        }
        key = found.get();
      }
    }
    if (key.blocked()) {
      return new Refused(Denied.of(DenialReason.KEY_BLOCKED, "This API key is blocked."));
    }
    if (key.isExpiredAt(now)) {
      return new Refused(Denied.of(DenialReason.KEY_EXPIRED, "This API key has expired."));
    }
    TenantPolicy policy =
        stores.tenants().find(key.owner().tenant()).orElse(TenantPolicy.open(key.owner().tenant()));
    List<ModelSpec> usable =
        stores.models().all().stream()
            .filter(m -> policy.allows(m.name()) && key.allows(m.name()))
            .filter(m -> stores.prices().inForceAt(m.name(), now).isPresent())
            .toList();
    return new Models(usable);
  }
}
