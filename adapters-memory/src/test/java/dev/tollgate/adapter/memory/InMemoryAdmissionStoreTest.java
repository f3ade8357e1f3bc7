package dev.tollgate.adapter.memory;

import dev.tollgate.port.out.AdmissionStore;
import dev.tollgate.port.out.contract.AdmissionStoreContract;

/** The composition every store without an admission store of its own gets. */
class InMemoryAdmissionStoreTest extends AdmissionStoreContract {

  @Override
  protected Parts newParts() {
    InMemorySlotStore slots = new InMemorySlotStore();
    InMemoryRateWindowStore rates = new InMemoryRateWindowStore();
    InMemoryBudgetStore budgets = new InMemoryBudgetStore();
    return new Parts(AdmissionStore.composing(slots, rates, budgets), slots, rates, budgets);
  }
}
