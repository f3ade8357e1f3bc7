package dev.tollgate.adapter.postgres;

import dev.tollgate.port.out.ConsoleSessionStore;
import dev.tollgate.port.out.contract.ConsoleSessionStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresConsoleSessionStoreTest extends ConsoleSessionStoreContract {

  @RegisterExtension static final TestSchema SCHEMA = new TestSchema();

  @Override
  protected ConsoleSessionStore newStore() {
    return SCHEMA.postgres().consoleSessions();
  }
}
