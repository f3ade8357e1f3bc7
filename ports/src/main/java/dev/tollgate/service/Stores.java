package dev.tollgate.service;

import dev.tollgate.port.out.BudgetStore;
import dev.tollgate.port.out.KeyStore;
import dev.tollgate.port.out.ModelCatalog;
import dev.tollgate.port.out.TenantPolicies;
import dev.tollgate.port.out.PriceCatalog;
import dev.tollgate.port.out.RateWindowStore;
import dev.tollgate.port.out.SlotStore;
import dev.tollgate.port.out.SpendLedger;

/** One backend's implementations of every store, handed to {@link Tollgate} together. */
public record Stores(
    KeyStore keys,
    BudgetStore budgets,
    RateWindowStore rates,
    SlotStore slots,
    SpendLedger ledger,
    PriceCatalog prices,
    ModelCatalog models,
    TenantPolicies tenants) {

  public Stores {
    if (keys == null || budgets == null || rates == null || slots == null || ledger == null
        || prices == null || models == null || tenants == null) {
      throw new IllegalArgumentException("every store is required");
    }
  }
}
