package dev.tollgate.port.out;


/**
 * One backend's implementations of every store the economic use cases need, handed to the
 * engine ({@code dev.tollgate.service.Tollgate}) together. It lives with the ports it bundles, so
 * an adapter that builds one depends on ports only, never on the services.
 */
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
