package dev.tollgate.adapter.memory;

import dev.tollgate.port.out.PriceCatalog;
import dev.tollgate.port.out.contract.PriceCatalogContract;

class InMemoryPriceCatalogTest extends PriceCatalogContract {

  @Override
  protected PriceCatalog newCatalog() {
    return new InMemoryPriceCatalog();
  }
}
