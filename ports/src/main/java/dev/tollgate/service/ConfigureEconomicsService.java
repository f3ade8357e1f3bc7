package dev.tollgate.service;

import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.pricing.AddPriceResult;
import dev.tollgate.domain.pricing.ModelSpec;
import dev.tollgate.domain.pricing.PriceVersion;
import dev.tollgate.domain.rate.ParallelLimit;
import dev.tollgate.domain.rate.RateKind;
import dev.tollgate.domain.rate.RateLimit;
import dev.tollgate.domain.tenancy.TenantPolicy;
import dev.tollgate.port.in.ServeModels;
import dev.tollgate.port.in.SetBudget;
import dev.tollgate.port.in.SetLimits;
import dev.tollgate.port.in.SetPrice;
import dev.tollgate.port.out.BudgetStore;
import dev.tollgate.port.out.ModelCatalog;
import dev.tollgate.port.out.PriceCatalog;
import dev.tollgate.port.out.RateWindowStore;
import dev.tollgate.port.out.SlotStore;
import dev.tollgate.port.out.Stores;
import dev.tollgate.port.out.TenantPolicies;
import java.time.Clock;
import java.util.List;

/** Budgets, limits, prices, served models and tenant policies: thin on purpose, the stores own the rules. */
public final class ConfigureEconomicsService implements SetBudget, SetLimits, SetPrice, ServeModels {

  private final BudgetStore budgets;
  private final RateWindowStore rates;
  private final SlotStore slots;
  private final PriceCatalog prices;
  private final ModelCatalog models;
  private final TenantPolicies tenants;

  private final Clock clock;

  public ConfigureEconomicsService(Stores stores, Clock clock) {
    this.clock = clock;
    this.budgets = stores.budgets();
    this.rates = stores.rates();
    this.slots = stores.slots();
    this.prices = stores.prices();
    this.models = stores.models();
    this.tenants = stores.tenants();
  }

  @Override
  public void serve(ModelSpec model) {
    models.seed(model, clock.instant());
  }

  @Override
  public List<ModelSpec> served() {
    return models.all();
  }

  @Override
  public void setTenantPolicy(TenantPolicy policy) {
    // Whether the tenant has end-user budgets is learned from its budgets, not configured: kept.
    boolean endUsers = policy.endUserBudgets()
        || tenants.find(policy.tenant()).map(TenantPolicy::endUserBudgets).orElse(false);
    tenants.put(policy.withEndUserBudgets(endUsers));
  }

  @Override
  public void setBudget(Budget budget) {
    EndUserBudgets.beforeLimiting(tenants, budget.scope());
    budgets.putBudget(budget);
  }

  @Override
  public boolean removeBudget(Scope scope) {
    return budgets.removeBudget(scope);
  }

  @Override
  public void setRateLimit(RateLimit limit) {
    EndUserBudgets.beforeLimiting(tenants, limit.scope());
    rates.putLimit(limit);
  }

  @Override
  public boolean removeRateLimit(Scope scope, RateKind kind) {
    return rates.removeLimit(scope, kind);
  }

  @Override
  public void setParallelLimit(ParallelLimit limit) {
    EndUserBudgets.beforeLimiting(tenants, limit.scope());
    slots.putLimit(limit);
  }

  @Override
  public boolean removeParallelLimit(Scope scope) {
    return slots.removeLimit(scope);
  }

  @Override
  public AddPriceResult addPrice(PriceVersion version) {
    return prices.add(version);
  }
}
