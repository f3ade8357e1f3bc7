package dev.tollgate.embedding;

import dev.tollgate.adapter.memory.InMemoryStores;
import dev.tollgate.domain.admission.Admission;
import dev.tollgate.domain.admission.AdmissionTicket;
import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.budget.BudgetPeriod;
import dev.tollgate.domain.budget.BudgetSnapshot;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.key.KeyFormat;
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
import dev.tollgate.domain.rate.RateUsage;
import dev.tollgate.domain.tenancy.Owner;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.port.in.AuthenticateKey;
import dev.tollgate.port.in.AuthorizeCommand;
import dev.tollgate.port.in.IssueKeyCommand;
import dev.tollgate.port.in.IssuedKey;
import dev.tollgate.port.out.Stores;
import dev.tollgate.service.Tollgate;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The engine over in-memory stores at a fixed instant: one priced model, one tenant, one key. What
 * the admission and settlement scenarios start from.
 */
final class ServiceFixture {

  static final ModelName MODEL = ModelName.of("m");
  static final long MODEL_CAP = 4_096;
  static final TenantId ACME = TenantId.of("acme");
  static final Scope TENANT = Scope.tenant(ACME);
  static final Instant NOW = Instant.parse("2030-03-14T10:00:00Z");
  /** $1 per million in, $2 per million out: 1,000 nano-USD a token in, 2,000 a token out. */
  static final TokenPrices PRICES =
      TokenPrices.of(PricePerMillion.usd("1"), PricePerMillion.usd("2"));

  final Stores stores;
  final Tollgate tollgate;
  final IssuedKey issued;
  private int requests;

  ServiceFixture() {
    this(InMemoryStores.create());
  }

  ServiceFixture(Stores stores) {
    this.stores = stores;
    this.tollgate = Tollgate.create(stores, Clock.fixed(NOW, ZoneOffset.UTC), new SecureRandom());
    tollgate.models().serve(ModelSpec.of(MODEL, MODEL_CAP));
    tollgate.prices().addPrice(new PriceVersion(MODEL, Instant.EPOCH, PRICES));
    issued = tollgate.issueKey().issue(IssueKeyCommand.forOwner(Owner.tenant(ACME), "k"));
  }

  String key() {
    return issued.secret().reveal();
  }

  Scope keyScope() {
    return Scope.key(issued.key().id());
  }

  /**
   * Generous limits of every kind on the tenant, so each counter exists and whatever a request
   * takes shows in {@link #footprint()}: $100, 1,000 requests and 1,000,000 tokens a minute, 100
   * in flight.
   */
  void countEverything() {
    tollgate.budgets().setBudget(Budget.of(TENANT, Money.usd("100"), BudgetPeriod.monthly()));
    tollgate.limits().setRateLimit(RateLimit.perMinute(TENANT, RateKind.REQUESTS, 1_000));
    tollgate.limits().setRateLimit(RateLimit.perMinute(TENANT, RateKind.TOKENS, 1_000_000));
    tollgate.limits().setParallelLimit(new ParallelLimit(TENANT, 100));
  }

  Admission ask(long promptTokens, long maxTokens) {
    return ask(key(), MODEL.value(), RequestId.of("r" + ++requests), promptTokens, maxTokens, 1);
  }

  /**
   * As the HTTP layer asks: the presented string is parsed once; a malformed one is refused by the
   * key check that runs before a body is read ({@code authenticate}), a well-formed one is
   * admitted or refused by admission.
   */
  Admission ask(String presentedKey, String model, RequestId id, long promptTokens,
      long maxTokens, int choices) {
    return switch (KeyFormat.parse(presentedKey)) {
      case KeyFormat.Malformed malformed -> refusedByTheKeyCheck(presentedKey);
      case KeyFormat.Wellformed w -> tollgate.authorize().authorize(new AuthorizeCommand(
          w.secret(), model, id, promptTokens, OptionalLong.of(maxTokens), Optional.empty(),
          choices));
    };
  }

  private Admission.Denied refusedByTheKeyCheck(String presentedKey) {
    return switch (tollgate.authenticate().authenticate(presentedKey)) {
      case AuthenticateKey.Refused refused -> refused.denial();
      case AuthenticateKey.Authenticated a ->
          throw new AssertionError("a malformed key was authenticated: " + a.key().id());
    };
  }

  AdmissionTicket admitted(long promptTokens, long maxTokens) {
    return admitted(key(), promptTokens, maxTokens);
  }

  AdmissionTicket admitted(String presentedKey, long promptTokens, long maxTokens) {
    Admission admission = ask(
        presentedKey, MODEL.value(), RequestId.of("r" + ++requests), promptTokens, maxTokens, 1);
    return switch (admission) {
      case Admission.Admitted admitted -> admitted.ticket();
      case Admission.Denied denied -> throw new AssertionError("refused: " + denied);
    };
  }

  /** What the tenant's counters show now: held and posted money, slots, requests and tokens. */
  Footprint footprint() {
    Optional<BudgetSnapshot> budget = stores.budgets().snapshot(TENANT, NOW);
    return new Footprint(
        budget.map(BudgetSnapshot::held).orElse(Money.ZERO),
        budget.map(BudgetSnapshot::posted).orElse(Money.ZERO),
        stores.slots().inUse(TENANT, NOW),
        used(RateKind.REQUESTS),
        used(RateKind.TOKENS));
  }

  private long used(RateKind kind) {
    return stores.rates().usage(TENANT, kind, NOW).map(RateUsage::used).orElse(0L);
  }

  /** Everything the tenant's counters hold at one moment. */
  record Footprint(Money held, Money posted, int slots, long requests, long tokens) {

    static final Footprint NOTHING = new Footprint(Money.ZERO, Money.ZERO, 0, 0, 0);
  }
}
