package dev.tollgate.adapter.postgres;

import dev.tollgate.port.out.TenantDirectory;
import dev.tollgate.port.out.contract.TenantDirectoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresTenantDirectoryTest extends TenantDirectoryContract {

  @RegisterExtension static final TestSchema SCHEMA = new TestSchema();

  @Override
  protected TenantDirectory newDirectory() {
    return SCHEMA.postgres().admin().directory();
  }
}
