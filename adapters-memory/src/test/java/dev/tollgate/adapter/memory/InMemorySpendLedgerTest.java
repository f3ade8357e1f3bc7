package dev.tollgate.adapter.memory;

import dev.tollgate.port.out.SpendLedger;
import dev.tollgate.port.out.contract.SpendLedgerContract;

class InMemorySpendLedgerTest extends SpendLedgerContract {

  @Override
  protected SpendLedger newLedger() {
    return new InMemorySpendLedger();
  }
}
