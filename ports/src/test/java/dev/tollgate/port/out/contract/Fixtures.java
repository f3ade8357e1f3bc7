package dev.tollgate.port.out.contract;

import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.budget.BudgetPeriod;
import dev.tollgate.domain.budget.HoldId;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.key.KeyHash;
import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.key.VirtualKey;
import dev.tollgate.domain.ledger.RequestId;
import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.pricing.PricePerMillion;
import dev.tollgate.domain.pricing.PriceVersion;
import dev.tollgate.domain.pricing.TokenPrices;
import dev.tollgate.domain.tenancy.Owner;
import dev.tollgate.domain.tenancy.TeamId;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.domain.usage.TokenUsage;
import dev.tollgate.domain.usage.UsageSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test data with ids unique to one {@code Fixtures} instance (one per test), so a contract never
 * depends on the store being empty: a database adapter may share one schema across a whole run.
 *
 * <p>Ids made by one instance share a prefix and end in a zero-padded counter, so they sort in
 * creation order under any collation. Instants are whole seconds, which every backend stores
 * exactly.
 */
final class Fixtures {

  /** A Thursday, mid-morning UTC: far from any period boundary unless a test moves there. */
  static final Instant T0 = Instant.parse("2030-03-14T10:00:00Z");

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final AtomicInteger counter = new AtomicInteger();

  String unique(String kind) {
    return "%s-%s-%05d".formatted(kind, run, counter.incrementAndGet());
  }

  TenantId tenant() {
    return TenantId.of(unique("tenant"));
  }

  TeamId team() {
    return TeamId.of(unique("team"));
  }

  KeyId keyId() {
    return KeyId.of(unique("key"));
  }

  ModelName model() {
    return ModelName.of(unique("model"));
  }

  RequestId requestId() {
    return RequestId.of(unique("req"));
  }

  HoldId holdId() {
    return HoldId.of(unique("hold"));
  }

  String holder() {
    return unique("holder");
  }

  Scope tenantScope() {
    return Scope.tenant(tenant());
  }

  Scope keyScope() {
    return Scope.key(keyId());
  }

  /** A hash no other fixture has: SHA-256 of a unique string. */
  KeyHash hash() {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(unique("secret").getBytes(StandardCharsets.US_ASCII));
      return new KeyHash(HexFormat.of().formatHex(digest));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  VirtualKey key(Owner owner, Instant createdAt) {
    return key(keyId(), hash(), owner, createdAt);
  }

  static VirtualKey key(KeyId id, KeyHash hash, Owner owner, Instant createdAt) {
    return new VirtualKey(
        id,
        hash,
        owner,
        "alias of " + id.value(),
        "sk-tg-..." + id.value().substring(id.value().length() - 4),
        Set.of(),
        Optional.empty(),
        false,
        createdAt);
  }

  static Money usd(String decimalUsd) {
    return Money.usd(decimalUsd);
  }

  static Money nanos(long nanoUsd) {
    return Money.ofNanoUsd(nanoUsd);
  }

  static Budget budget(Scope scope, String limitUsd, BudgetPeriod period) {
    return Budget.of(scope, usd(limitUsd), period);
  }

  static Budget lifetimeBudget(Scope scope, String limitUsd) {
    return budget(scope, limitUsd, BudgetPeriod.lifetime());
  }

  /** An entry whose usage is derived from the cost, so distinct costs give distinct usages. */
  static SpendEntry entry(
      RequestId request, Owner owner, KeyId key, ModelName model, Money cost, Instant startedAt) {
    TokenUsage usage = new TokenUsage(cost.nanoUsd() % 1000, 1, 2, cost.nanoUsd() % 777, 3, 4,
        cost.nanoUsd() % 1013);
    return new SpendEntry(
        request,
        owner,
        key,
        model,
        Optional.empty(),
        usage,
        UsageSource.REPORTED,
        cost,
        startedAt.minusSeconds(3600),
        startedAt,
        startedAt.plusSeconds(2),
        false);
  }

  static PriceVersion price(
      ModelName model, Instant effectiveFrom, String inputUsd, String outputUsd) {
    return new PriceVersion(
        model,
        effectiveFrom,
        TokenPrices.of(PricePerMillion.usd(inputUsd), PricePerMillion.usd(outputUsd)));
  }
}
