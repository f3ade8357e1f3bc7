package dev.tollgate.service;

import dev.tollgate.port.in.admin.AuthenticateAdmin;
import dev.tollgate.port.in.admin.ManageKeys;
import dev.tollgate.port.in.admin.ManageLimits;
import dev.tollgate.port.in.admin.ManageModels;
import dev.tollgate.port.in.admin.ManagePrices;
import dev.tollgate.port.in.admin.ManageTenants;
import dev.tollgate.port.in.admin.ReadAudit;
import dev.tollgate.port.in.admin.ReadKeyStatus;
import dev.tollgate.port.in.admin.ReportSpend;
import dev.tollgate.port.out.AdminStores;
import dev.tollgate.port.out.Stores;
import java.time.Clock;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Every administration use case over one backend's stores: what the admin HTTP API and the CLI
 * call.
 */
public record Administration(
    ManageTenants tenants,
    ManageKeys keys,
    ManageLimits limits,
    ManagePrices prices,
    ManageModels models,
    ReportSpend spend,
    ReadAudit audit,
    ReadKeyStatus keyStatus,
    AuthenticateAdmin authenticate,
    AdminStores stores) {

  /** How long an idempotency key is remembered. */
  public static final Duration IDEMPOTENCY_WINDOW = Duration.ofHours(24);

  public static Administration create(
      Stores stores, AdminStores admin, Clock clock, RandomGenerator random) {
    AuditTrail trail = new AuditTrail(admin.audit(), clock);
    Idempotency idempotency = new Idempotency(admin.idempotency(), clock);
    LimitAdminService limits = new LimitAdminService(stores, admin.directory(), trail, clock);
    SpendReportService spend = new SpendReportService(stores.ledger(), admin.audit(), stores.keys());
    return new Administration(
        new TenantAdminService(admin.directory(), stores.tenants(), stores.keys(), trail,
            idempotency, clock),
        new KeyAdminService(stores.keys(), admin.directory(), stores.models(), trail, idempotency,
            clock, random),
        limits,
        new PriceAdminService(stores.prices(), stores.models(), trail),
        new ModelAdminService(stores.models(), stores.prices(), stores.tenants(), trail, clock),
        spend,
        spend,
        new KeyStatusService(stores, limits, clock),
        new AdminAuthService(stores, clock),
        admin);
  }
}
