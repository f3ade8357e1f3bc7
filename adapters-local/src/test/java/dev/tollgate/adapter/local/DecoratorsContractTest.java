package dev.tollgate.adapter.local;

import dev.tollgate.adapter.memory.InMemoryBudgetStore;
import dev.tollgate.adapter.memory.InMemoryKeyStore;
import dev.tollgate.adapter.memory.InMemoryModelCatalog;
import dev.tollgate.adapter.memory.InMemoryPriceCatalog;
import dev.tollgate.adapter.memory.InMemorySpendLedger;
import dev.tollgate.adapter.memory.InMemoryTenantPolicies;
import dev.tollgate.port.out.KeyStore;
import dev.tollgate.port.out.ModelCatalog;
import dev.tollgate.port.out.PriceCatalog;
import dev.tollgate.port.out.SpendLedger;
import dev.tollgate.port.out.TenantPolicies;
import dev.tollgate.port.out.contract.KeyStoreContract;
import dev.tollgate.port.out.contract.ModelCatalogContract;
import dev.tollgate.port.out.contract.PriceCatalogContract;
import dev.tollgate.port.out.contract.SpendLedgerContract;
import dev.tollgate.port.out.contract.TenantPoliciesContract;
import java.time.Clock;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Nested;

/**
 * Every decorator of this wing is still the port it decorates: the last-known catalogs, the
 * serving guard on keys and the ledger that posts budgets pass the ports' contracts unchanged.
 * (CachingKeyStore runs the key store contract in CachingKeyStoreTest.)
 */
class DecoratorsContractTest {

  private static final Executor INLINE = Runnable::run;

  private static LastKnownCatalogs catalogs() {
    return new LastKnownCatalogs(new InMemoryModelCatalog(), new InMemoryPriceCatalog(),
        new InMemoryTenantPolicies(), Clock.systemUTC(), INLINE, health());
  }

  private static StoreHealth health() {
    return new StoreHealth(Clock.systemUTC(), true);
  }

  @Nested
  class Models extends ModelCatalogContract {
    @Override
    protected ModelCatalog newCatalog() {
      return catalogs().models();
    }
  }

  @Nested
  class Prices extends PriceCatalogContract {
    @Override
    protected PriceCatalog newCatalog() {
      return catalogs().prices();
    }
  }

  @Nested
  class Tenants extends TenantPoliciesContract {
    @Override
    protected TenantPolicies newPolicies() {
      return catalogs().tenants();
    }
  }

  @Nested
  class Keys extends KeyStoreContract {
    @Override
    protected KeyStore newStore() {
      return new ServingGuardKeyStore(new InMemoryKeyStore(), health());
    }
  }

  @Nested
  class PostingLedger extends SpendLedgerContract {
    @Override
    protected SpendLedger newLedger() {
      return new BudgetPostingLedger(new InMemorySpendLedger(), new InMemoryBudgetStore(),
          PostingListener.NONE, Clock.systemUTC());
    }
  }
}
