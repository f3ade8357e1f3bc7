package dev.tollgate.service;

import dev.tollgate.domain.audit.AuditEntry;
import dev.tollgate.domain.tenancy.Actor;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.port.out.AuditLog;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/** Writes one audit entry per administrative change, stamped with the clock and the actor. */
final class AuditTrail {

  private final AuditLog log;
  private final Clock clock;

  AuditTrail(AuditLog log, Clock clock) {
    this.log = log;
    this.clock = clock;
  }

  void record(Actor actor, Optional<TenantId> tenant, String action, String type, String id,
      Map<String, String> before, Map<String, String> after) {
    log.append(new AuditEntry(0, clock.instant(), actor.name(), tenant, action, type, id, before,
        after));
  }
}
