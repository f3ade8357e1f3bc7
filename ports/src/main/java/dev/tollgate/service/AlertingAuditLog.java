package dev.tollgate.service;

import dev.tollgate.domain.audit.AuditEntry;
import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.port.out.AuditLog;
import java.util.List;
import java.util.Optional;

/**
 * An audit log that raises {@code key.blocked} for every key block it records, into the outbox
 * before the block is answered: a block is an administrative change, always audited, so
 * {@code key.block} is where it is known, whoever blocked (API, console, CLI).
 */
public final class AlertingAuditLog implements AuditLog {

  static final String KEY_BLOCK = "key.block";

  private final AuditLog delegate;
  private final AlertDetector detector;

  public AlertingAuditLog(AuditLog delegate, AlertDetector detector) {
    this.delegate = delegate;
    this.detector = detector;
  }

  @Override
  public AuditEntry append(AuditEntry entry) {
    AuditEntry appended = delegate.append(entry);
    if (KEY_BLOCK.equals(entry.action()) && entry.tenant().isPresent()) {
      TenantId tenant = entry.tenant().get();
      detector.raiseNow(new AlertSignal.KeyBlocked(tenant, KeyId.of(entry.objectId()), entry.at()));
    }
    return appended;
  }

  @Override
  public List<AuditEntry> list(Optional<TenantId> tenant, Optional<Long> before, int limit) {
    return delegate.list(tenant, before, limit);
  }
}
