package dev.tollgate.adapter.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.memory.InMemoryStores;
import dev.tollgate.domain.admission.Admission;
import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.budget.BudgetPeriod;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.ledger.RequestId;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.pricing.ModelSpec;
import dev.tollgate.domain.pricing.PricePerMillion;
import dev.tollgate.domain.pricing.PriceVersion;
import dev.tollgate.domain.pricing.TokenPrices;
import dev.tollgate.domain.rate.ParallelLimit;
import dev.tollgate.domain.rate.RateKind;
import dev.tollgate.domain.rate.RateLimit;
import dev.tollgate.domain.tenancy.Owner;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.domain.usage.TokenUsage;
import dev.tollgate.port.in.AuthorizeCommand;
import dev.tollgate.port.in.IssueKeyCommand;
import dev.tollgate.port.in.IssuedKey;
import dev.tollgate.port.in.SettleCommand;
import dev.tollgate.port.out.BudgetStore;
import dev.tollgate.port.out.KeyStore;
import dev.tollgate.port.out.ModelCatalog;
import dev.tollgate.port.out.PriceCatalog;
import dev.tollgate.port.out.RateWindowStore;
import dev.tollgate.port.out.SlotStore;
import dev.tollgate.port.out.Stores;
import dev.tollgate.port.out.TenantPolicies;
import dev.tollgate.service.Tollgate;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Calls the engine makes to the shared stores (the database, for a durable backend) per request,
 * with every kind of limit set: directly on the stores, and through the local state. The ledger
 * is not counted: the journal takes its appends on local disk in both cases.
 */
class HotPathRoundTripsTest {

  private static final ModelName MODEL = ModelName.of("m");
  private static final TenantId ACME = TenantId.of("acme");
  private static final int REQUESTS = 200;

  private final ManualClock clock = new ManualClock(Instant.parse("2030-03-14T10:00:00Z"));
  private final AtomicInteger calls = new AtomicInteger();

  @Test
  void the_local_state_makes_no_shared_call_per_request_in_steady_state() {
    Stores shared = counted(InMemoryStores.create());
    KeyStore cachedKeys = new CachingKeyStore(shared.keys(), clock, Runnable::run,
        CachingKeyStore.Settings.defaults());
    Stores direct = new Stores(cachedKeys, shared.budgets(), shared.rates(), shared.slots(),
        shared.ledger(), shared.prices(), shared.models(), shared.tenants());
    double before = callsPerRequest(direct);

    LocalStores local = LocalStores.over(shared, LeaseSettings.defaults(), "r1",
        new StoreHealth(clock, true), clock, Runnable::run, () -> {});
    double after = callsPerRequest(local.stores(shared, cachedKeys, shared.ledger()));

    System.out.printf("shared-store calls per request: %.2f on the stores directly, %.2f through local state%n",
        before, after);
    assertThat(before).isGreaterThanOrEqualTo(8);
    assertThat(after).isZero();
  }

  private int keysIssued;

  /** Warms up (first requests learn scopes and take leases), then counts over REQUESTS requests. */
  private double callsPerRequest(Stores stores) {
    Tollgate tollgate = Tollgate.create(stores, clock, new SecureRandom());
    tollgate.models().serve(ModelSpec.of(MODEL, 1_000));
    tollgate.prices().addPrice(new PriceVersion(MODEL, Instant.EPOCH,
        TokenPrices.of(PricePerMillion.usd("1.00"), PricePerMillion.usd("2.00"))));
    IssuedKey key = tollgate.issueKey().issue(IssueKeyCommand.forOwner(Owner.tenant(ACME),
        "hot-" + (++keysIssued))); // both runs share one key store; aliases are unique per tenant
    Scope scope = Scope.key(key.key().id());
    tollgate.budgets().setBudget(Budget.of(scope, Money.usd("100.00"), BudgetPeriod.monthly()));
    tollgate.budgets().setBudget(Budget.of(Scope.tenant(ACME), Money.usd("1000.00"), BudgetPeriod.monthly()));
    tollgate.limits().setRateLimit(RateLimit.perMinute(scope, RateKind.REQUESTS, 1_000_000));
    tollgate.limits().setRateLimit(RateLimit.perMinute(scope, RateKind.TOKENS, 1_000_000_000));
    tollgate.limits().setParallelLimit(new ParallelLimit(scope, 100));
    for (int i = 0; i < 5; i++) {
      request(tollgate, key, "warm-" + i);
    }
    int start = calls.get();
    for (int i = 0; i < REQUESTS; i++) {
      request(tollgate, key, "r-" + i);
      clock.advance(Duration.ofMillis(1));
    }
    return (calls.get() - start) / (double) REQUESTS;
  }

  private static void request(Tollgate tollgate, IssuedKey key, String id) {
    Admission admission = tollgate.authorize().authorize(
        AuthorizeCommand.of(key.secret(), MODEL, RequestId.of(id), 100, 50));
    assertThat(admission).isInstanceOf(Admission.Admitted.class);
    tollgate.settle().settle(SettleCommand.completed(((Admission.Admitted) admission).ticket(),
        TokenUsage.of(100, 40)));
  }

  private Stores counted(Stores s) {
    return new Stores(count(KeyStore.class, s.keys()), count(BudgetStore.class, s.budgets()),
        count(RateWindowStore.class, s.rates()), count(SlotStore.class, s.slots()), s.ledger(),
        count(PriceCatalog.class, s.prices()), count(ModelCatalog.class, s.models()),
        count(TenantPolicies.class, s.tenants()));
  }

  private <T> T count(Class<T> port, T target) {
    return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port},
        (proxy, method, args) -> {
          if (method.getDeclaringClass() != Object.class) {
            calls.incrementAndGet();
          }
          try {
            return method.invoke(target, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        }));
  }
}
