package dev.tollgate.adapter.postgres;

import dev.tollgate.port.out.AuditLog;
import dev.tollgate.port.out.contract.AuditLogContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresAuditLogTest extends AuditLogContract {

  @RegisterExtension static final TestSchema SCHEMA = new TestSchema();

  @Override
  protected AuditLog newLog() {
    return SCHEMA.postgres().admin().audit();
  }
}
