package dev.tollgate.adapter.memory;

import dev.tollgate.port.out.ConsoleSessionStore;
import dev.tollgate.port.out.contract.ConsoleSessionStoreContract;

class InMemoryConsoleSessionStoreTest extends ConsoleSessionStoreContract {

  @Override
  protected ConsoleSessionStore newStore() {
    return new InMemoryConsoleSessionStore();
  }
}
