package dev.tollgate.adapter.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.adapter.memory.InMemoryBudgetStore;
import dev.tollgate.adapter.memory.InMemoryStores;
import dev.tollgate.domain.admission.Admission;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.ledger.RequestId;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.pricing.ModelSpec;
import dev.tollgate.domain.pricing.PricePerMillion;
import dev.tollgate.domain.pricing.PriceVersion;
import dev.tollgate.domain.pricing.TokenPrices;
import dev.tollgate.domain.rate.ParallelLimit;
import dev.tollgate.domain.tenancy.Owner;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.port.in.AuthorizeCommand;
import dev.tollgate.port.in.IssueKeyCommand;
import dev.tollgate.port.in.IssuedKey;
import dev.tollgate.port.out.StoreUnavailableException;
import dev.tollgate.port.out.Stores;
import dev.tollgate.service.Tollgate;
import java.security.SecureRandom;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A budget store that fails after the slot was taken (a cold budget read in an outage) must not
 * leave the slot taken: with local slots it would otherwise stay taken until its 15-minute expiry.
 */
class FailedAdmissionHoldsNothingTest {

  private static final ModelName MODEL = ModelName.of("m");

  @Test
  void a_store_failure_at_the_budget_gives_the_parallel_slot_back() {
    ManualClock clock = new ManualClock(Instant.parse("2030-03-14T10:00:00Z"));
    Stores memory = InMemoryStores.create();
    SwitchableBudgetStore budgets = new SwitchableBudgetStore(new InMemoryBudgetStore());
    Stores shared = new Stores(memory.keys(), budgets, memory.rates(), memory.slots(),
        memory.ledger(), memory.prices(), memory.models(), memory.tenants());
    LocalStores local = LocalStores.over(shared, LeaseSettings.defaults(), "r1",
        new StoreHealth(clock, true), clock, Runnable::run, () -> {});
    Tollgate tollgate = Tollgate.create(local.stores(shared, shared.keys(), shared.ledger()), clock,
        new SecureRandom());
    tollgate.models().serve(ModelSpec.of(MODEL, 100));
    tollgate.prices().addPrice(new PriceVersion(MODEL, Instant.EPOCH,
        TokenPrices.of(PricePerMillion.usd("1.00"), PricePerMillion.usd("2.00"))));
    IssuedKey key = tollgate.issueKey().issue(IssueKeyCommand.forOwner(Owner.tenant(TenantId.of("t")), "k"));
    tollgate.limits().setParallelLimit(new ParallelLimit(Scope.key(key.key().id()), 1));

    budgets.down = true;
    assertThatThrownBy(() -> authorize(tollgate, key, "first"))
        .isInstanceOf(StoreUnavailableException.class);
    budgets.down = false;
    local.syncOnce(); // the failure marked the store unreachable; the next sync clears it
    assertThat(local.health().isDegraded()).isFalse();

    assertThat(authorize(tollgate, key, "second")).isInstanceOf(Admission.Admitted.class);
  }

  private static Admission authorize(Tollgate tollgate, IssuedKey key, String id) {
    return tollgate.authorize().authorize(
        AuthorizeCommand.of(key.secret(), MODEL, RequestId.of(id), 10, 10));
  }
}
