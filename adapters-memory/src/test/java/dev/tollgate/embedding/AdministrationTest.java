package dev.tollgate.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.memory.InMemoryStores;
import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.budget.BudgetPeriod;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.key.KeyRole;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.pricing.ModelSpec;
import dev.tollgate.domain.tenancy.Actor;
import dev.tollgate.domain.tenancy.Owner;
import dev.tollgate.domain.tenancy.TeamId;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.port.in.admin.AdminResult;
import dev.tollgate.port.in.admin.KeySpec;
import dev.tollgate.port.in.admin.ManageKeys.CreatedKey;
import dev.tollgate.port.in.admin.TenantSpec;
import dev.tollgate.port.out.Stores;
import dev.tollgate.service.Administration;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The administration use cases over the in-memory stores: the rules the HTTP API and CLI share. */
class AdministrationTest {

  private static final Actor PLATFORM = Actor.platform("test");
  private static final TenantId A = TenantId.of("a");
  private static final TenantId B = TenantId.of("b");
  private static final Actor A_ADMIN = Actor.tenantAdmin(A, "key_a");

  private Stores stores;
  private Administration admin;

  @BeforeEach
  void setUp() {
    stores = InMemoryStores.create();
    stores.models().seed(ModelSpec.of(ModelName.of("m"), 100), java.time.Instant.EPOCH);
    admin = Administration.create(stores, InMemoryStores.admin(),
        Clock.fixed(Instant.parse("2026-11-24T00:00:00Z"), ZoneOffset.UTC), new SecureRandom());
    for (TenantId t : List.of(A, B)) {
      admin.tenants().createTenant(PLATFORM, t, spec(t.value()), Optional.empty());
      admin.tenants().createTeam(PLATFORM, t, TeamId.of("ml"), "ML", Map.of(), Optional.empty());
    }
  }

  private static TenantSpec spec(String name) {
    return new TenantSpec(name, Map.of(), Set.of(), Map.of(), Optional.empty(), Optional.empty(), true);
  }

  private CreatedKey key(Actor actor, TenantId tenant, Optional<String> idem) {
    AdminResult<CreatedKey> r = admin.keys().createKey(actor, new KeySpec(Owner.tenant(tenant),
        KeyRole.INFERENCE, "k", Set.of(), Optional.empty(), Map.of()), idem);
    return ((AdminResult.Done<CreatedKey>) r).value();
  }

  @Test
  void teamsWithTheSameIdInTwoTenantsHaveSeparateBudgets() {
    Scope aTeam = Scope.team(A, TeamId.of("ml"));
    Scope bTeam = Scope.team(B, TeamId.of("ml"));
    admin.limits().setBudget(PLATFORM, Budget.of(aTeam, Money.usd("1"), BudgetPeriod.monthly()));

    assertThat(stores.budgets().budgetOf(aTeam)).isPresent();
    assertThat(stores.budgets().budgetOf(bTeam)).isEmpty();
    assertThat(admin.limits().limits(A_ADMIN, bTeam)).isInstanceOf(AdminResult.NotFound.class);
  }

  @Test
  void aTenantAdminCannotTouchAnotherTenantsKeyOrItsOwnCaps() {
    CreatedKey bKey = key(PLATFORM, B, Optional.empty());
    Scope bKeyScope = Scope.keyModel(bKey.key().id(), ModelName.of("m"));

    assertThat(admin.keys().key(A_ADMIN, bKey.key().id())).isInstanceOf(AdminResult.NotFound.class);
    assertThat(admin.keys().rotateKey(A_ADMIN, bKey.key().id(), Duration.ZERO))
        .isInstanceOf(AdminResult.NotFound.class);
    assertThat(admin.limits().setBudget(A_ADMIN, Budget.of(bKeyScope, Money.ZERO,
        BudgetPeriod.daily()))).isInstanceOf(AdminResult.NotFound.class);
    assertThat(admin.limits().setBudget(A_ADMIN, Budget.of(Scope.tenant(A), Money.usd("100"),
        BudgetPeriod.daily()))).isInstanceOf(AdminResult.Forbidden.class);
    assertThat(stores.budgets().budgetOf(bKeyScope)).isEmpty();
  }

  @Test
  void aTeamWithKeysCannotBeDeleted() {
    admin.keys().createKey(PLATFORM, new KeySpec(Owner.team(A, TeamId.of("ml")), KeyRole.INFERENCE,
        "", Set.of(), Optional.empty(), Map.of()), Optional.empty());

    assertThat(admin.tenants().deleteTeam(PLATFORM, A, TeamId.of("ml")))
        .isInstanceOf(AdminResult.Conflict.class);
  }

  @Test
  void rotationGraceIsBounded() {
    CreatedKey k = key(PLATFORM, A, Optional.empty());

    assertThat(admin.keys().rotateKey(PLATFORM, k.key().id(), Duration.ofDays(31)))
        .isInstanceOf(AdminResult.Invalid.class);
    assertThat(admin.keys().rotateKey(PLATFORM, k.key().id(), Duration.ofDays(30)))
        .isInstanceOf(AdminResult.Done.class);
  }

  @Test
  void concurrentRetriesOfOneCreateMakeOneKey() throws Exception {
    int threads = 16;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    ConcurrentLinkedQueue<AdminResult<CreatedKey>> results = new ConcurrentLinkedQueue<>();
    for (int i = 0; i < threads; i++) {
      pool.submit(() -> {
        start.await();
        results.add(admin.keys().createKey(A_ADMIN, new KeySpec(Owner.tenant(A),
            KeyRole.INFERENCE, "same", Set.of(), Optional.empty(), Map.of()), Optional.of("idem-1")));
        return null;
      });
    }
    start.countDown();
    pool.shutdown();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

    long minted = results.stream().filter(r -> r instanceof AdminResult.Done<CreatedKey> d
        && d.value() instanceof CreatedKey.Minted).count();
    assertThat(minted).isEqualTo(1);
    assertThat(stores.keys().listByTenant(A, 0, 100)).hasSize(1);
    assertThat(results).allMatch(r -> r instanceof AdminResult.Done
        || r instanceof AdminResult.Conflict);
  }

  @Test
  void idempotencyKeysOfTwoTenantsNeverMeet() {
    CreatedKey a = key(A_ADMIN, A, Optional.of("same-key"));
    CreatedKey b = key(Actor.tenantAdmin(B, "key_b"), B, Optional.of("same-key"));

    assertThat(a).isInstanceOf(CreatedKey.Minted.class);
    assertThat(b).isInstanceOf(CreatedKey.Minted.class);
    assertThat(b.key().owner().tenant()).isEqualTo(B);
  }

  @Test
  void everyChangeIsAuditedForItsTenantOnly() {
    key(A_ADMIN, A, Optional.empty());

    var aEntries = ((AdminResult.Done<List<dev.tollgate.domain.audit.AuditEntry>>)
        admin.audit().audit(A_ADMIN, Optional.empty(), Optional.empty(), 100)).value();
    assertThat(aEntries).isNotEmpty().allMatch(e -> e.tenant().equals(Optional.of(A)));
    assertThat(aEntries.get(0).action()).isEqualTo("key.create");
    assertThat(aEntries.get(0).actor()).isEqualTo("key_a");
    assertThat(admin.audit().audit(A_ADMIN, Optional.of(B), Optional.empty(), 100))
        .isInstanceOf(AdminResult.NotFound.class);
  }
}
