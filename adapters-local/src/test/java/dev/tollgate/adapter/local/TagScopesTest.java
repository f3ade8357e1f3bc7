package dev.tollgate.adapter.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.memory.InMemoryStores;
import dev.tollgate.domain.admission.Admission;
import dev.tollgate.domain.admission.DenialReason;
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
import dev.tollgate.domain.tenancy.Tag;
import dev.tollgate.domain.tenancy.Tags;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.domain.tenancy.TenantPolicy;
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
import dev.tollgate.port.out.StoreUnavailableException;
import dev.tollgate.port.out.TenantPolicies;
import dev.tollgate.port.out.Stores;
import dev.tollgate.service.Tollgate;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A tagged request counts against its tags' scopes only in a tenant that has tag budgets:
 * elsewhere a new tag costs no shared-store read. A tag budget counts every request carrying the
 * tag, refuses as any budget does, and in an outage an unseen tag is served while a seen one is
 * still enforced from local state.
 */
class TagScopesTest {

  private static final ModelName MODEL = ModelName.of("m");
  private static final TenantId ACME = TenantId.of("acme");

  private final ManualClock clock = new ManualClock(Instant.parse("2030-03-14T10:00:00Z"));
  private final AtomicInteger calls = new AtomicInteger();
  private final Stores shared = counted(InMemoryStores.create());
  private final StoreHealth health = new StoreHealth(clock, true);
  private final Tollgate tollgate = Tollgate.create(
      LocalStores.over(shared, LeaseSettings.defaults(), "r1", health, clock, Runnable::run, () -> {})
          .stores(shared, new CachingKeyStore(shared.keys(), clock, Runnable::run,
              CachingKeyStore.Settings.defaults()), shared.ledger()),
      clock, new SecureRandom());
  private final IssuedKey key = setUp();

  @Test
  void a_tenant_without_tag_budgets_reads_nothing_for_new_tags() {
    int before = calls.get();
    for (int i = 0; i < 50; i++) {
      assertThat(request("r-" + i, "new-tag-" + i, "env=prod")).isInstanceOf(Admission.Admitted.class);
      clock.advance(Duration.ofMillis(1));
    }
    assertThat(calls.get() - before).as("shared-store calls for 50 new tags").isZero();
    assertThat(shared.tenants().find(ACME).map(TenantPolicy::tagBudgets)).isEmpty();
  }

  @Test
  void a_tag_budget_flags_its_tenant_and_counts_every_request_carrying_the_tag() {
    Scope capped = Scope.tag(ACME, Tag.of("capped"));
    tollgate.budgets().setBudget(Budget.of(capped, Money.usd("0.000300"), BudgetPeriod.lifetime()));
    clock.advance(Duration.ofMinutes(1)); // the tenant policy's last-known copy is re-read

    assertThat(shared.tenants().find(ACME).map(TenantPolicy::tagBudgets)).hasValue(true);
    assertThat(request("c-1", "capped")).isInstanceOf(Admission.Admitted.class);
    Admission second = request("c-2", "other", "capped"); // 0.00018 spent; 0.0002 does not fit
    assertThat(second).isInstanceOfSatisfying(Admission.Denied.class, d -> {
      assertThat(d.reason()).isEqualTo(DenialReason.BUDGET_EXHAUSTED);
      assertThat(d.message()).contains("tag capped of tenant acme");
    });
    assertThat(request("o-1", "other")).isInstanceOf(Admission.Admitted.class);
    assertThat(request("n-1")).as("an untagged request").isInstanceOf(Admission.Admitted.class);
    assertThat(shared.ledger().find(RequestId.of("c-1")).orElseThrow().tags())
        .isEqualTo(Tags.of("capped"));
  }

  @Test
  void in_an_outage_an_unseen_tag_is_served_and_a_seen_one_is_counted_from_local_state() {
    Scope capped = Scope.tag(ACME, Tag.of("capped"));
    tollgate.budgets().setBudget(Budget.of(capped, Money.usd("1.00"), BudgetPeriod.monthly()));
    clock.advance(Duration.ofMinutes(1));
    assertThat(request("warm-capped", "capped")).isInstanceOf(Admission.Admitted.class);

    health.unreachable(new StoreUnavailableException("cut"));
    assertThat(request("o-1", "never-seen")).as("an unseen tag in an outage")
        .isInstanceOf(Admission.Admitted.class);
    assertThat(request("o-2", "capped", "never-seen-either")).as("a seen tag, from local state")
        .isInstanceOf(Admission.Admitted.class);
    assertThat(shared.ledger().find(RequestId.of("o-2")).orElseThrow().tags())
        .isEqualTo(Tags.of("capped", "never-seen-either"));
  }

  private IssuedKey setUp() {
    tollgate.models().serve(ModelSpec.of(MODEL, 1_000));
    tollgate.prices().addPrice(new PriceVersion(MODEL, Instant.EPOCH,
        TokenPrices.of(PricePerMillion.usd("1.00"), PricePerMillion.usd("2.00"))));
    IssuedKey issued = tollgate.issueKey().issue(IssueKeyCommand.forOwner(Owner.tenant(ACME), "k"));
    Scope scope = Scope.key(issued.key().id());
    tollgate.budgets().setBudget(Budget.of(scope, Money.usd("100.00"), BudgetPeriod.monthly()));
    tollgate.limits().setRateLimit(RateLimit.perMinute(scope, RateKind.REQUESTS, 1_000_000));
    tollgate.limits().setParallelLimit(new ParallelLimit(scope, 100));
    for (int i = 0; i < 3; i++) {
      assertThat(requestWith(issued, "warm-" + i)).isInstanceOf(Admission.Admitted.class);
    }
    return issued;
  }

  private Admission request(String id, String... tags) {
    return requestWith(key, id, tags);
  }

  /** Admits and, when admitted, settles 100 prompt and 40 completion tokens ($0.00018). */
  private Admission requestWith(IssuedKey k, String id, String... tags) {
    Admission admission = tollgate.authorize().authorize(new AuthorizeCommand(
        k.secret(), MODEL.value(), RequestId.of(id), 100, OptionalLong.of(50), Optional.empty())
        .withTags(Tags.of(tags)));
    if (admission instanceof Admission.Admitted admitted) {
      tollgate.settle().settle(SettleCommand.completed(admitted.ticket(), TokenUsage.of(100, 40)));
    }
    return admission;
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
