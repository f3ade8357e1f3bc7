package dev.tollgate.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.memory.InMemoryStores;
import dev.tollgate.domain.admission.Admission;
import dev.tollgate.domain.admission.DenialReason;
import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.budget.BudgetPeriod;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.ledger.RequestId;
import dev.tollgate.domain.ledger.SpendQuery;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.pricing.ModelSpec;
import dev.tollgate.domain.pricing.PricePerMillion;
import dev.tollgate.domain.pricing.PriceVersion;
import dev.tollgate.domain.pricing.TokenPrices;
import dev.tollgate.domain.tenancy.Owner;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.domain.usage.TokenUsage;
import dev.tollgate.port.in.AuthorizeCommand;
import dev.tollgate.port.in.IssueKeyCommand;
import dev.tollgate.port.in.IssuedKey;
import dev.tollgate.port.in.SettleCommand;
import dev.tollgate.service.Tollgate;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The README's embedding example, run for real: a host application using Tollgate as a library. */
class EmbeddingTollgateTest {

  private static final ModelName MODEL = ModelName.of("llama-3.1-8b");

  @Test
  void a_host_authorizes_settles_and_reads_spend_with_in_memory_stores() {
    // --- the dozen lines the README shows ---
    Tollgate tollgate = Tollgate.create(InMemoryStores.create(), Clock.systemUTC(), new SecureRandom());
    tollgate.models().serve(ModelSpec.of(MODEL, 4_096));
    tollgate.prices().addPrice(new PriceVersion(MODEL, Instant.EPOCH,
        TokenPrices.of(PricePerMillion.usd("0.20"), PricePerMillion.usd("0.80"))));
    TenantId acme = TenantId.of("acme");
    tollgate.budgets().setBudget(Budget.of(Scope.tenant(acme), Money.usd("10.00"), BudgetPeriod.monthly()));
    IssuedKey issued = tollgate.issueKey().issue(IssueKeyCommand.forOwner(Owner.tenant(acme), "ci"));

    Admission admission = tollgate.authorize().authorize(AuthorizeCommand.of(
        issued.secret(), MODEL, RequestId.of("req-1"), 1_000, 500));
    if (admission instanceof Admission.Admitted admitted) {
      // ... call the model, then report what it used:
      tollgate.settle().settle(SettleCommand.completed(admitted.ticket(), TokenUsage.of(1_000, 420)));
    }
    var spent = tollgate.spend().total(SpendQuery.forTenant(acme, Instant.EPOCH, Instant.now().plusSeconds(1)));
    var left = tollgate.spend().budget(Scope.tenant(acme)).orElseThrow().remaining();
    // --- end of the README's lines ---

    // 1000 x 0.20/M + 420 x 0.80/M = 0.000200 + 0.000336 = 0.000536 USD
    assertThat(admission).isInstanceOf(Admission.Admitted.class);
    assertThat(spent.cost()).isEqualTo(Money.usd("0.000536"));
    assertThat(spent.requests()).isEqualTo(1);
    assertThat(left).isEqualTo(Money.usd("10.00").minus(Money.usd("0.000536")));
  }

  @Test
  void a_revoked_key_is_refused_and_an_unknown_key_is_not_found() {
    Tollgate tollgate = Tollgate.create(InMemoryStores.create(), Clock.systemUTC(), new SecureRandom());
    tollgate.models().serve(ModelSpec.of(MODEL, 1_000));
    tollgate.prices().addPrice(new PriceVersion(MODEL, Instant.EPOCH, TokenPrices.free()));
    IssuedKey issued =
        tollgate.issueKey().issue(IssueKeyCommand.forOwner(Owner.tenant(TenantId.of("t")), "k"));
    tollgate.revokeKey().revoke(issued.key().id());

    Admission revoked = tollgate.authorize().authorize(AuthorizeCommand.of(
        issued.secret(), MODEL, RequestId.of("r1"), 10, 10));
    IssuedKey other =
        Tollgate.create(InMemoryStores.create(), Clock.systemUTC(), new SecureRandom())
            .issueKey().issue(IssueKeyCommand.forOwner(Owner.tenant(TenantId.of("t")), "k"));
    Admission unknown = tollgate.authorize().authorize(AuthorizeCommand.of(
        other.secret(), MODEL, RequestId.of("r2"), 10, 10));

    assertThat(((Admission.Denied) revoked).reason()).isEqualTo(DenialReason.KEY_BLOCKED);
    assertThat(((Admission.Denied) unknown).reason()).isEqualTo(DenialReason.UNKNOWN_KEY);
  }
}
