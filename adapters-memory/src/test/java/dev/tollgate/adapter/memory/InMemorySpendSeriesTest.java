package dev.tollgate.adapter.memory;

import dev.tollgate.port.out.SpendLedger;
import dev.tollgate.port.out.contract.SpendSeriesContract;

class InMemorySpendSeriesTest extends SpendSeriesContract {

  @Override
  protected SpendLedger newLedger() {
    return new InMemorySpendLedger();
  }
}
