package dev.tollgate.service;

import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.pricing.PriceVersion;
import dev.tollgate.domain.rate.ParallelLimit;
import dev.tollgate.domain.rate.RateKind;
import dev.tollgate.domain.rate.RateLimit;
import dev.tollgate.port.in.SetBudget;
import dev.tollgate.port.in.SetLimits;
import dev.tollgate.port.in.SetPrice;
import dev.tollgate.port.out.AddPriceResult;
import dev.tollgate.port.out.BudgetStore;
import dev.tollgate.port.out.PriceCatalog;
import dev.tollgate.port.out.RateWindowStore;
import dev.tollgate.port.out.SlotStore;

/** Budgets, limits and prices: thin on purpose, the stores own the rules of replacement. */
public final class ConfigureEconomicsService implements SetBudget, SetLimits, SetPrice {

  private final BudgetStore budgets;
  private final RateWindowStore rates;
  private final SlotStore slots;
  private final PriceCatalog prices;

  public ConfigureEconomicsService(
      BudgetStore budgets, RateWindowStore rates, SlotStore slots, PriceCatalog prices) {
    this.budgets = budgets;
    this.rates = rates;
    this.slots = slots;
    this.prices = prices;
  }

  @Override
  public void setBudget(Budget budget) {
    budgets.putBudget(budget);
  }

  @Override
  public boolean removeBudget(Scope scope) {
    return budgets.removeBudget(scope);
  }

  @Override
  public void setRateLimit(RateLimit limit) {
    rates.putLimit(limit);
  }

  @Override
  public boolean removeRateLimit(Scope scope, RateKind kind) {
    return rates.removeLimit(scope, kind);
  }

  @Override
  public void setParallelLimit(ParallelLimit limit) {
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
