package dev.tollgate.adapter.memory;

import dev.tollgate.port.out.KeyStore;
import dev.tollgate.port.out.contract.KeyStoreContract;

class InMemoryKeyStoreTest extends KeyStoreContract {

  @Override
  protected KeyStore newStore() {
    return new InMemoryKeyStore();
  }
}
