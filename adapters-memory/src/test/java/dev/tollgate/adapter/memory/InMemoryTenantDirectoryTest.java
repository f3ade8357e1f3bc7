package dev.tollgate.adapter.memory;

import dev.tollgate.port.out.TenantDirectory;
import dev.tollgate.port.out.contract.TenantDirectoryContract;

class InMemoryTenantDirectoryTest extends TenantDirectoryContract {

  @Override
  protected TenantDirectory newDirectory() {
    return new InMemoryTenantDirectory();
  }
}
