package dev.tollgate.port.in;

import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.budget.Scope;

/** Sets or removes the budget of a scope. */
public interface SetBudget {

  void setBudget(Budget budget);

  boolean removeBudget(Scope scope);
}
