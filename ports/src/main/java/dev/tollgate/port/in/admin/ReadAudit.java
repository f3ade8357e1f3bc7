package dev.tollgate.port.in.admin;

import dev.tollgate.domain.audit.AuditEntry;
import dev.tollgate.domain.tenancy.Actor;
import dev.tollgate.domain.tenancy.TenantId;
import java.util.List;
import java.util.Optional;

/** The audit log: everything for the platform, its own tenant's entries for a tenant admin. */
public interface ReadAudit {

  AdminResult<List<AuditEntry>> audit(
      Actor actor, Optional<TenantId> tenant, Optional<Long> before, int limit);
}
