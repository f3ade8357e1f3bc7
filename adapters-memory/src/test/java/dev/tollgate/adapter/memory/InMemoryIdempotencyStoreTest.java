package dev.tollgate.adapter.memory;

import dev.tollgate.port.out.IdempotencyStore;
import dev.tollgate.port.out.contract.IdempotencyStoreContract;

class InMemoryIdempotencyStoreTest extends IdempotencyStoreContract {

  @Override
  protected IdempotencyStore newStore() {
    return new InMemoryIdempotencyStore();
  }
}
