package dev.tollgate.service;

import dev.tollgate.domain.admission.Admission.Denied;
import dev.tollgate.domain.admission.AdmissionPolicy;
import dev.tollgate.domain.key.KeyHash;
import dev.tollgate.domain.key.KeyRole;
import dev.tollgate.domain.key.VirtualKey;
import dev.tollgate.domain.tenancy.Actor;
import dev.tollgate.domain.tenancy.TenantPolicy;
import dev.tollgate.port.in.admin.AuthenticateAdmin;
import dev.tollgate.port.out.Stores;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** A tenant admin key becomes an actor of its tenant: known, not blocked or expired, tenant active. */
public final class AdminAuthService implements AuthenticateAdmin {

  private final Stores stores;
  private final Clock clock;

  AdminAuthService(Stores stores, Clock clock) {
    this.stores = stores;
    this.clock = clock;
  }

  @Override
  public Answer authenticate(String presentedKey) {
    Instant now = clock.instant();
    return admit(KeyLookup.find(stores.keys(), presentedKey, now, KeyRole.TENANT_ADMIN), now);
  }

  @Override
  public Answer authenticate(KeyHash hash) {
    Instant now = clock.instant();
    return admit(KeyLookup.find(stores.keys(), hash, now, KeyRole.TENANT_ADMIN), now);
  }

  private Answer admit(KeyLookup.Result lookup, Instant now) {
    VirtualKey key;
    switch (lookup) {
      case KeyLookup.Refused refused -> {
        return new Refused(refused.denial());
      }
      case KeyLookup.Found found -> key = found.key();
    }
    TenantPolicy policy = stores.tenants().find(key.owner().tenant())
        .orElse(TenantPolicy.open(key.owner().tenant()));
    Optional<Denied> denied =
        AdmissionPolicy.checkKeyState(key, now).or(() -> AdmissionPolicy.checkTenant(policy));
    if (denied.isPresent()) {
      return new Refused(denied.get());
    }
    return new Authenticated(Actor.tenantAdmin(key.owner().tenant(), key.id().value()));
  }
}
