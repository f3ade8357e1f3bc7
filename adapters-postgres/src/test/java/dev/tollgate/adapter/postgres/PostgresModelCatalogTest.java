package dev.tollgate.adapter.postgres;

import dev.tollgate.port.out.ModelCatalog;
import dev.tollgate.port.out.contract.ModelCatalogContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresModelCatalogTest extends ModelCatalogContract {

  @RegisterExtension static final TestSchema SCHEMA = new TestSchema();

  @Override
  protected ModelCatalog newCatalog() {
    return SCHEMA.stores().models();
  }
}
