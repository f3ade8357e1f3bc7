package dev.tollgate.port.in;

import dev.tollgate.domain.budget.BudgetSnapshot;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.ledger.RequestId;
import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.domain.ledger.SpendQuery;
import dev.tollgate.domain.ledger.SpendTotal;
import java.util.List;
import java.util.Optional;

/** How much was spent, and how much of a budget is left now. */
public interface ReadSpend {

  SpendTotal total(SpendQuery query);

  List<SpendEntry> entries(SpendQuery query, int offset, int limit);

  Optional<SpendEntry> entryOf(RequestId request);

  /** The budget of a scope in its current window; empty if the scope has none. */
  Optional<BudgetSnapshot> budget(Scope scope);
}
