package dev.tollgate.port.in;

import dev.tollgate.domain.budget.Settlement;
import dev.tollgate.domain.ledger.AppendResult;
import dev.tollgate.domain.money.Money;
import java.util.Optional;

/**
 * What settlement did: the cost charged (zero for a failed call), the budgets' view of it and
 * what the ledger answered (empty when nothing was recorded because nothing was owed).
 */
public record SettlementReceipt(
    Money cost, Settlement settlement, Optional<AppendResult> ledger) {

  public boolean overage() {
    return settlement.anyOverage();
  }
}
