package dev.tollgate.port.out.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.domain.budget.BudgetTemplate;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.tenancy.EndUserId;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.port.out.BudgetTemplates;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link BudgetTemplates} promises: templates per tenant by id, an update keeps the
 * creation time, a scope follows at most one template, members are listed per template.
 */
public abstract class BudgetTemplatesContract {

  private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
  private static final AtomicLong TENANTS = new AtomicLong();

  /** A store for this test; it may hold other tests' templates (each test has its tenant). */
  protected abstract BudgetTemplates newStore();

  private BudgetTemplates store;
  private TenantId tenant;

  @BeforeEach
  void openStore() {
    store = newStore();
    tenant = TenantId.of("bt-" + System.nanoTime() + "-" + TENANTS.incrementAndGet());
  }

  private BudgetTemplate template(String id, String max, Optional<String> duration) {
    return new BudgetTemplate(tenant, id, Optional.of(Money.usd(max)), Optional.empty(),
        OptionalLong.of(60), OptionalLong.empty(), OptionalInt.of(3), duration, T0);
  }

  @Test
  void a_template_is_stored_once_per_tenant_and_id() {
    BudgetTemplate t = template("tier-1", "25.5", Optional.of("30d"));
    assertThat(store.insert(t)).isTrue();
    assertThat(store.insert(template("tier-1", "1", Optional.empty()))).isFalse();
    assertThat(store.find(tenant, "tier-1")).contains(t);
    assertThat(store.find(TenantId.of("someone-else"), "tier-1")).isEmpty();
    assertThat(store.find(tenant, "tier-2")).isEmpty();
  }

  @Test
  void an_update_changes_the_limits_and_keeps_the_creation_time() {
    store.insert(template("t", "10", Optional.empty()));
    BudgetTemplate changed = new BudgetTemplate(tenant, "t", Optional.empty(),
        Optional.empty(), OptionalLong.empty(), OptionalLong.of(1000), OptionalInt.empty(),
        Optional.of("7d"), T0.plusSeconds(3600));
    assertThat(store.update(changed)).isTrue();
    assertThat(store.find(tenant, "t")).contains(changed.createdAt(T0));
    assertThat(store.update(template("absent", "1", Optional.empty()))).isFalse();
  }

  @Test
  void templates_list_by_id_after_a_cursor() {
    for (String id : new String[] {"b", "a", "c"}) {
      store.insert(template(id, "1", Optional.empty()));
    }
    assertThat(store.list(tenant, Optional.empty(), 10)).extracting(BudgetTemplate::id)
        .containsExactly("a", "b", "c");
    assertThat(store.list(tenant, Optional.of("a"), 1)).extracting(BudgetTemplate::id)
        .containsExactly("b");
  }

  @Test
  void a_scope_follows_at_most_one_template() {
    store.insert(template("one", "1", Optional.empty()));
    store.insert(template("two", "2", Optional.empty()));
    Scope key = Scope.key(KeyId.of("k-" + tenant.value()));
    Scope user = Scope.endUser(tenant, EndUserId.of("alice"));
    store.attach(tenant, "one", key);
    store.attach(tenant, "one", user);
    assertThat(store.members(tenant, "one", 10)).containsExactlyInAnyOrder(key, user);
    store.attach(tenant, "two", key);
    assertThat(store.templateOf(tenant, key)).contains("two");
    assertThat(store.members(tenant, "one", 10)).containsExactly(user);
    assertThat(store.members(tenant, "two", 10)).containsExactly(key);
    assertThat(store.templateOf(tenant, Scope.endUser(tenant, EndUserId.of("bob")))).isEmpty();
  }
}
