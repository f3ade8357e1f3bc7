package dev.tollgate.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.port.out.SecretStore;
import dev.tollgate.port.out.contract.SecretStoreContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresSecretStoreTest extends SecretStoreContract {

  @RegisterExtension static final TestSchema SCHEMA = new TestSchema();

  @Override
  protected SecretStore newStore() {
    TestDatabase.execute(SCHEMA.url(), "TRUNCATE " + SCHEMA.name() + ".sealed_secrets");
    return SCHEMA.postgres().secrets();
  }

  @Test
  void theTableRefusesARowWhoseKeyIdDisagreesWithItsEncoding() {
    newStore();
    String row = "INSERT INTO " + SCHEMA.name() + ".sealed_secrets (name, key_id, sealed)"
        + " VALUES ('x', '0123456789abcdef', 'v1.fedcba9876543210.AAAAAAAAAAAAAAAA.AAAA')";

    assertThatThrownBy(() -> TestDatabase.execute(SCHEMA.url(), row))
        .hasStackTraceContaining("check constraint");
  }
}
