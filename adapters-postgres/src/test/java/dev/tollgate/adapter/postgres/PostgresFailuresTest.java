package dev.tollgate.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.domain.audit.AuditEntry;
import dev.tollgate.domain.budget.HoldId;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.ledger.RequestId;
import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.domain.ledger.SpendGrouping;
import dev.tollgate.domain.ledger.SpendQuery;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.rate.RateKind;
import dev.tollgate.domain.tenancy.Team;
import dev.tollgate.domain.tenancy.TeamId;
import dev.tollgate.domain.tenancy.Tenant;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.port.out.AdminStores;
import dev.tollgate.port.out.HoldRequest;
import dev.tollgate.port.out.IdempotencyRecord;
import dev.tollgate.port.out.StoreRefusedException;
import dev.tollgate.port.out.StoreUnavailableException;
import dev.tollgate.port.out.Stores;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Whatever goes wrong below the port leaves it as a StoreUnavailableException, and fast. */
class PostgresFailuresTest {

  @RegisterExtension static final TestSchema SCHEMA = new TestSchema();

  private static final Instant T0 = Instant.parse("2030-03-14T10:00:00Z");
  private static final Scope SCOPE = Scope.tenant(TenantId.of("t1"));

  @Test
  void everyStoreOnAClosedPoolIsUnavailable() {
    PostgresStores closed = SCHEMA.openReplica(TestSchema.POOL);
    closed.close();

    everyStore(closed.stores(), call ->
        assertThatThrownBy(call).isInstanceOf(StoreUnavailableException.class)
            .isNotInstanceOf(StoreRefusedException.class));
  }

  @Test
  void aStatementTheDatabaseRefusesIsARefusalNotAnOutage() {
    Stores s = SCHEMA.stores();
    List<ThrowingCallable> calls = List.of(
        () -> s.models().find(ModelName.of("x\u0000")),
        () -> s.prices().inForceAt(ModelName.of("x\u0000"), T0),
        () -> s.keys().findById(KeyId.of("key_\u0000")),
        () -> s.ledger().find(RequestId.of("r\u0000")),
        () -> s.ledger().append(withId(new LedgerFixtures().entry(5, T0), "r\u0000")));
    calls.forEach(call -> assertThatThrownBy(call).isInstanceOf(StoreRefusedException.class)
        .hasMessageContaining("SQLState 22"));
  }

  /** The entry under another request id (the ledger's COPY refuses one PostgreSQL cannot store). */
  private static SpendEntry withId(SpendEntry e, String id) {
    return new SpendEntry(RequestId.of(id), e.owner(), e.key(), e.model(), e.endUser(), e.usage(),
        e.source(), e.cost(), e.priceEffectiveFrom(), e.startedAt(), e.recordedAt(), e.overage(),
        e.session(), e.tags());
  }

  @Test
  void aDatabaseThatIsNotThereIsUnavailableWithinTheConnectionTimeout() {
    PostgresPool.Settings quick =
        new PostgresPool.Settings(1, Duration.ofMillis(500), Duration.ofSeconds(1));
    try (PostgresStores nowhere =
        PostgresStores.open("jdbc:postgresql://127.0.0.1:1/none?user=x", "tollgate", quick)) {
      Stores s = nowhere.stores();
      assertThatThrownBy(() -> s.keys().findById(KeyId.of("k1")))
          .isInstanceOf(StoreUnavailableException.class)
          .isNotInstanceOf(StoreRefusedException.class);
      assertThatThrownBy(() -> s.budgets().release(HoldId.of("h1")))
          .isInstanceOf(StoreUnavailableException.class);
      assertThatThrownBy(() -> s.ledger().find(RequestId.of("r1")))
          .isInstanceOf(StoreUnavailableException.class);
    }
  }

  @Test
  void aStoreUnavailableExceptionSaysWhatFailedAndKeepsTheCause() {
    PostgresStores closed = SCHEMA.openReplica(TestSchema.POOL);
    closed.close();

    assertThatThrownBy(() -> closed.stores().keys().findById(KeyId.of("k1")))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageStartingWith("find key by id failed")
        .hasCauseInstanceOf(org.apache.ibatis.exceptions.PersistenceException.class);
  }

  @Test
  void everyAdministrationStoreAndNewOperationOnAClosedPoolIsUnavailable() {
    PostgresStores closed = SCHEMA.openReplica(TestSchema.POOL);
    closed.close();
    AdminStores a = closed.admin();
    Stores s = closed.stores();
    TenantId t1 = TenantId.of("t1");

    List<ThrowingCallable> calls = List.of(
        () -> a.directory().findTenant(t1),
        () -> a.directory().createTenant(new Tenant(t1, "T1", Map.of(), T0)),
        () -> a.directory().createTeam(new Team(t1, TeamId.of("ml"), "ML", Map.of(), T0)),
        () -> a.directory().listTenants(Optional.empty(), 10),
        () -> a.audit().append(new AuditEntry(0, T0, "cli:ops", Optional.of(t1), "tenant.create",
            "tenant", "t1", Map.of(), Map.of("name", "T1"))),
        () -> a.audit().list(Optional.empty(), Optional.empty(), 10),
        () -> a.idempotency().claim(
            new IdempotencyRecord("actor", "k", "fp", Optional.empty(), T0)),
        () -> a.idempotency().expire(T0),
        () -> s.keys().delete(KeyId.of("k1")),
        () -> s.keys().listByTenant(t1, Optional.of(TeamId.of("ml")), 0, 10),
        () -> s.ledger().breakdown(SpendQuery.forTenant(t1, T0, T0.plusSeconds(1)),
            SpendGrouping.DAY));
    calls.forEach(call ->
        assertThatThrownBy(call).isInstanceOf(StoreUnavailableException.class));
  }

  private static void everyStore(Stores s, Consumer<ThrowingCallable> expectUnavailable) {
    List<ThrowingCallable> calls = List.of(
        () -> s.keys().findById(KeyId.of("k1")),
        () -> s.budgets().placeHold(new HoldRequest(HoldId.of("h1"), List.of(SCOPE),
            Money.usd("1"), T0, T0.plusSeconds(60))),
        () -> s.budgets().settle(HoldId.of("h1"), List.of(SCOPE), T0, Money.usd("1"), T0),
        () -> s.budgets().expireHolds(T0),
        () -> s.rates().tryAcquire(List.of(SCOPE), 1, 10, T0),
        () -> s.rates().usage(SCOPE, RateKind.TOKENS, T0),
        () -> s.slots().tryAcquire(List.of(SCOPE), "holder", T0.plusSeconds(60), T0),
        () -> s.ledger().find(RequestId.of("r1")),
        () -> s.ledger().total(SpendQuery.forTenant(TenantId.of("t1"), T0, T0.plusSeconds(1))),
        () -> s.prices().inForceAt(ModelName.of("m"), T0),
        () -> s.models().all(),
        () -> s.tenants().find(TenantId.of("t1")));
    calls.forEach(expectUnavailable);
    assertThat(calls).hasSize(12);
  }
}
