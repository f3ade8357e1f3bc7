package dev.tollgate.adapter.memory;

import dev.tollgate.port.out.SpendLedger;
import dev.tollgate.port.out.contract.SpendLedgerContract;

/** The folding ledger keeps the whole contract while nothing has been folded yet. */
class FoldingInMemorySpendLedgerTest extends SpendLedgerContract {

  @Override
  protected SpendLedger newLedger() {
    return InMemorySpendLedger.folding(100_000);
  }
}
