package dev.tollgate.adapter.memory;

import dev.tollgate.domain.audit.AuditEntry;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.port.out.AuditLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The audit log in a list; sequence numbers start at 1. */
public final class InMemoryAuditLog implements AuditLog {

  private final List<AuditEntry> entries = new ArrayList<>();

  @Override
  public synchronized AuditEntry append(AuditEntry entry) {
    AuditEntry stored = entry.withSequence(entries.size() + 1L);
    entries.add(stored);
    return stored;
  }

  @Override
  public synchronized List<AuditEntry> list(
      Optional<TenantId> tenant, Optional<Long> before, int limit) {
    if (limit < 0 || limit > MAX_PAGE) {
      throw new IllegalArgumentException("limit must be 0.." + MAX_PAGE);
    }
    List<AuditEntry> out = new ArrayList<>(Math.min(limit, 64));
    int start = before.map(b -> (int) Math.min(entries.size(), Math.max(0, b - 1)))
        .orElse(entries.size());
    for (int i = start - 1; i >= 0 && out.size() < limit; i--) {
      AuditEntry e = entries.get(i);
      if (tenant.isEmpty() || e.tenant().equals(tenant)) {
        out.add(e);
      }
    }
    return out;
  }
}
