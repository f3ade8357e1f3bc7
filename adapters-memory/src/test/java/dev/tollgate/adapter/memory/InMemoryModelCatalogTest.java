package dev.tollgate.adapter.memory;

import dev.tollgate.port.out.ModelCatalog;
import dev.tollgate.port.out.contract.ModelCatalogContract;

class InMemoryModelCatalogTest extends ModelCatalogContract {

  @Override
  protected ModelCatalog newCatalog() {
    return new InMemoryModelCatalog();
  }
}
