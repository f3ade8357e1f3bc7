package dev.tollgate.port.out;


/**
 * One backend's implementations of every store the economic use cases need, handed to the
 * engine ({@code dev.tollgate.service.Tollgate}) together. It lives with the ports it bundles, so
 * an adapter that builds one depends on ports only, never on the services.
 *
 * <p>{@code admissions} takes and gives back a request's slots, window counts and hold in one
 * operation each; a backend without a store of its own for that composes its three stores
 * (the eight-store constructor).
 */
public record Stores(
    KeyStore keys,
    BudgetStore budgets,
    RateWindowStore rates,
    SlotStore slots,
    SpendLedger ledger,
    PriceCatalog prices,
    ModelCatalog models,
    TenantPolicies tenants,
    AdmissionStore admissions) {

  public Stores {
    if (keys == null || budgets == null || rates == null || slots == null || ledger == null
        || prices == null || models == null || tenants == null || admissions == null) {
      throw new IllegalArgumentException("every store is required");
    }
  }

  /** Admission's steps composed from {@code slots}, {@code rates} and {@code budgets}. */
  public Stores(KeyStore keys, BudgetStore budgets, RateWindowStore rates, SlotStore slots,
      SpendLedger ledger, PriceCatalog prices, ModelCatalog models, TenantPolicies tenants) {
    this(keys, budgets, rates, slots, ledger, prices, models, tenants,
        AdmissionStore.composing(slots, rates, budgets));
  }
}
