package dev.tollgate.adapter.postgres;

import dev.tollgate.port.out.IdempotencyStore;
import dev.tollgate.port.out.contract.IdempotencyStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresIdempotencyStoreTest extends IdempotencyStoreContract {

  @RegisterExtension static final TestSchema SCHEMA = new TestSchema();

  @Override
  protected IdempotencyStore newStore() {
    return SCHEMA.postgres().admin().idempotency();
  }
}
