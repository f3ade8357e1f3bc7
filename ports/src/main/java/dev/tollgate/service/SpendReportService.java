package dev.tollgate.service;

import dev.tollgate.domain.audit.AuditEntry;
import dev.tollgate.domain.ledger.RequestId;
import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.domain.ledger.SpendGroup;
import dev.tollgate.domain.ledger.SpendGrouping;
import dev.tollgate.domain.ledger.SpendQuery;
import dev.tollgate.domain.ledger.SpendSeries;
import dev.tollgate.domain.ledger.SpendTotal;
import dev.tollgate.domain.tenancy.Actor;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.port.in.admin.AdminResult;
import dev.tollgate.port.in.admin.ReadAudit;
import dev.tollgate.port.in.admin.ReportSpend;
import dev.tollgate.port.out.AuditLog;
import dev.tollgate.port.out.KeyStore;
import dev.tollgate.port.out.SpendLedger;
import java.util.List;
import java.util.Optional;

/** Spend reports and the audit log, narrowed to the actor's tenant when it has one. */
public final class SpendReportService implements ReportSpend, ReadAudit {

  /** The most entries one page of a spend listing returns. */
  public static final int MAX_ENTRIES_PAGE = 10_000;

  private final SpendLedger ledger;
  private final AuditLog auditLog;
  private final KeyStore keys;

  SpendReportService(SpendLedger ledger, AuditLog auditLog, KeyStore keys) {
    this.ledger = ledger;
    this.auditLog = auditLog;
    this.keys = keys;
  }

  @Override
  public AdminResult<SpendTotal> total(Actor actor, SpendQuery query) {
    return narrow(actor, query).<AdminResult<SpendTotal>>map(q -> AdminResult.done(ledger.total(q)))
        .orElseGet(() -> AdminResult.notFound(hidden(actor, query)));
  }

  @Override
  public AdminResult<List<SpendGroup>> breakdown(
      Actor actor, SpendQuery query, SpendGrouping grouping) {
    return narrow(actor, query)
        .<AdminResult<List<SpendGroup>>>map(q -> AdminResult.done(ledger.breakdown(q, grouping)))
        .orElseGet(() -> AdminResult.notFound(hidden(actor, query)));
  }

  @Override
  public AdminResult<SpendSeries> series(
      Actor actor, SpendQuery query, SpendGrouping grouping, int top, int rows) {
    return narrow(actor, query)
        .<AdminResult<SpendSeries>>map(q -> AdminResult.done(ledger.series(q, grouping, top, rows)))
        .orElseGet(() -> AdminResult.notFound(hidden(actor, query)));
  }

  @Override
  public AdminResult<List<SpendEntry>> entries(
      Actor actor, SpendQuery query, int offset, int limit) {
    int bounded = Math.max(0, Math.min(limit, MAX_ENTRIES_PAGE));
    return narrow(actor, query)
        .<AdminResult<List<SpendEntry>>>map(q -> AdminResult.done(ledger.entries(q, offset, bounded)))
        .orElseGet(() -> AdminResult.notFound(hidden(actor, query)));
  }

  @Override
  public AdminResult<SpendEntry> entry(Actor actor, RequestId request) {
    return ledger.find(request).filter(e -> actor.sees(e.owner().tenant()))
        .<AdminResult<SpendEntry>>map(AdminResult::done)
        .orElseGet(() -> AdminResult.notFound("request"));
  }

  @Override
  public AdminResult<List<AuditEntry>> audit(
      Actor actor, Optional<TenantId> tenant, Optional<Long> before, int limit) {
    if (tenant.isPresent() && !actor.sees(tenant.get())) {
      return AdminResult.notFound("tenant");
    }
    Optional<TenantId> narrowed = tenant.or(actor::tenant);
    return AdminResult.done(
        auditLog.list(narrowed, before, Math.max(0, Math.min(limit, AuditLog.MAX_PAGE))));
  }

  /**
   * The query a tenant admin may run: its own tenant's, whatever it asked for; empty if it names
   * another tenant or another tenant's key, which answer 404 as if they did not exist.
   */
  private Optional<SpendQuery> narrow(Actor actor, SpendQuery query) {
    if (actor.isPlatform()) {
      return Optional.of(query);
    }
    TenantId own = actor.tenant().get();
    if (query.tenant().isPresent() && !query.tenant().get().equals(own)) {
      return Optional.empty();
    }
    // A deleted key is not in the store: its spend stays, and narrowing keeps it to this tenant.
    if (query.key().flatMap(keys::findById).filter(k -> !k.owner().tenant().equals(own)).isPresent()) {
      return Optional.empty();
    }
    return Optional.of(new SpendQuery(Optional.of(own), query.team(), query.key(), query.model(),
        query.endUser(), query.from(), query.to(), query.session()));
  }

  /** Which filter of a refused query the actor may not see: its tenant, else its key. */
  private static String hidden(Actor actor, SpendQuery query) {
    return query.tenant().filter(t -> !actor.sees(t)).isPresent() ? "tenant" : "key";
  }
}
