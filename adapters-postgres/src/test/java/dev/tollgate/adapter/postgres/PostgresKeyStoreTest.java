package dev.tollgate.adapter.postgres;

import dev.tollgate.port.out.KeyStore;
import dev.tollgate.port.out.contract.KeyStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresKeyStoreTest extends KeyStoreContract {

  @RegisterExtension static final TestSchema SCHEMA = new TestSchema();

  @Override
  protected KeyStore newStore() {
    return SCHEMA.stores().keys();
  }
}
