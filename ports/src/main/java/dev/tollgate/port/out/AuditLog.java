package dev.tollgate.port.out;

import dev.tollgate.domain.audit.AuditEntry;
import dev.tollgate.domain.tenancy.TenantId;
import java.util.List;
import java.util.Optional;

/** Append-only record of administrative changes. */
public interface AuditLog {

  int MAX_PAGE = 1000;

  /** Stores the entry and answers it with its assigned sequence number. */
  AuditEntry append(AuditEntry entry);

  /**
   * Newest first: entries of {@code tenant} (every entry if empty) with a sequence below
   * {@code before} (from the newest if empty), at most {@code limit}.
   */
  List<AuditEntry> list(Optional<TenantId> tenant, Optional<Long> before, int limit);
}
