package dev.tollgate.adapter.postgres;

import dev.tollgate.port.out.PriceCatalog;
import dev.tollgate.port.out.contract.PriceCatalogContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresPriceCatalogTest extends PriceCatalogContract {

  @RegisterExtension static final TestSchema SCHEMA = new TestSchema();

  @Override
  protected PriceCatalog newCatalog() {
    return SCHEMA.stores().prices();
  }
}
