package dev.tollgate.adapter.memory;

import dev.tollgate.port.out.AuditLog;
import dev.tollgate.port.out.contract.AuditLogContract;

class InMemoryAuditLogTest extends AuditLogContract {

  @Override
  protected AuditLog newLog() {
    return new InMemoryAuditLog();
  }
}
