package dev.tollgate.benchmarks;

import dev.tollgate.adapter.memory.InMemoryStores;
import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.budget.BudgetPeriod;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.key.ApiKeySecret;
import dev.tollgate.domain.key.KeyFormat;
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
import dev.tollgate.port.in.IssueKeyCommand;
import dev.tollgate.port.in.IssuedKey;
import dev.tollgate.service.AdmissionSettings;
import dev.tollgate.service.Tollgate;
import java.time.Clock;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * One engine set up as {@code benchmarks/load/run.sh} sets up the HTTP service: a served and priced model,
 * and one key with a monthly budget, a requests-per-minute and a tokens-per-minute limit and a
 * parallel-request limit, the same figures as the load test's {@code POST /admin/v1/keys}.
 * Every check runs on every request; none refuses.
 */
record BenchEngine(Tollgate tollgate, String presentedKey) {

  static final ModelName MODEL = ModelName.of("gpt-4o-mini");
  /** What the load test's body costs after tokenizing: a short two-message chat. */
  static final long PROMPT_TOKENS = 30;
  /** chat.lua asks for max_tokens 16. */
  static final long MAX_COMPLETION_TOKENS = 16;

  /**
   * The key as one request presents it: parsed afresh (and so hashed once when admission looks it
   * up), the work the HTTP layer does per request.
   */
  ApiKeySecret presented() {
    return switch (KeyFormat.parse(presentedKey)) {
      case KeyFormat.Wellformed w -> w.secret();
      case KeyFormat.Malformed m -> throw new IllegalStateException("the bench key: " + m.why());
    };
  }

  static BenchEngine create(Clock clock, AdmissionSettings settings) {
    // Seeded: key minting is not measured, and a fixed key keeps runs comparable.
    Tollgate tollgate =
        Tollgate.create(InMemoryStores.create(), clock, new SplittableRandom(42), settings);
    tollgate.models().serve(ModelSpec.of(MODEL, 4_096));
    tollgate.prices().addPrice(new PriceVersion(MODEL, Instant.EPOCH,
        TokenPrices.of(PricePerMillion.usd("0.15"), PricePerMillion.usd("0.60"))));
    IssuedKey issued = tollgate.issueKey().issue(
        IssueKeyCommand.forOwner(Owner.tenant(TenantId.of("bench")), "bench"));
    Scope key = Scope.key(issued.key().id());
    tollgate.budgets().setBudget(Budget.of(key, Money.usd("1000000"), BudgetPeriod.monthly()));
    tollgate.limits().setRateLimit(RateLimit.perMinute(key, RateKind.REQUESTS, 100_000_000L));
    tollgate.limits().setRateLimit(RateLimit.perMinute(key, RateKind.TOKENS, 100_000_000_000L));
    tollgate.limits().setParallelLimit(new ParallelLimit(key, 10_000));
    return new BenchEngine(tollgate, issued.secret().reveal());
  }
}
