package dev.tollgate.adapter.postgres;

import dev.tollgate.adapter.postgres.AuditMapper.AuditRow;
import dev.tollgate.domain.audit.AuditEntry;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.port.out.AuditLog;
import java.util.List;
import java.util.Optional;

/**
 * The audit log in {@code audit_log}: an identity column numbers the entries, and appends are
 * serialized by an advisory lock so that numbers are handed out in commit order. Administrative
 * changes are rare; a reader paging by {@code before} must never miss one that committed late.
 */
public final class PostgresAuditLog implements AuditLog {

  private final Db db;

  PostgresAuditLog(Db db) {
    this.db = db;
  }

  @Override
  public AuditEntry append(AuditEntry entry) {
    AuditRow row = toRow(entry);
    long sequence = db.inTransaction("append audit entry", tx -> {
      AuditMapper mapper = tx.mapper(AuditMapper.class);
      mapper.lockForAppend();
      return mapper.append(row);
    });
    // Answer what a list will read back: the instant as stored, to the microsecond.
    return new AuditEntry(sequence, row.occurredAt(), entry.actor(), entry.tenant(),
        entry.action(), entry.objectType(), entry.objectId(), entry.before(), entry.after());
  }

  @Override
  public List<AuditEntry> list(Optional<TenantId> tenant, Optional<Long> before, int limit) {
    if (limit < 0 || limit > MAX_PAGE) {
      throw new IllegalArgumentException("limit must be 0.." + MAX_PAGE);
    }
    if (limit == 0) {
      return List.of();
    }
    String of = tenant.map(TenantId::value).orElse(null);
    return db.read("list audit entries",
            tx -> tx.mapper(AuditMapper.class).list(of, before.orElse(null), limit))
        .stream().map(PostgresAuditLog::toEntry).toList();
  }

  private static AuditRow toRow(AuditEntry e) {
    return new AuditRow(0, PgInstantTypeHandler.storable(e.at()), e.actor(),
        e.tenant().map(TenantId::value).orElse(null), e.action(), e.objectType(), e.objectId(),
        Labels.names(e.before()), Labels.values(e.before()), Labels.names(e.after()),
        Labels.values(e.after()));
  }

  private static AuditEntry toEntry(AuditRow r) {
    return new AuditEntry(r.sequence(), r.occurredAt(), r.actor(),
        Optional.ofNullable(r.tenantId()).map(TenantId::of), r.action(), r.objectType(),
        r.objectId(), Labels.of(r.beforeNames(), r.beforeValues()),
        Labels.of(r.afterNames(), r.afterValues()));
  }
}
