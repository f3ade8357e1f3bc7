package dev.tollgate.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.budget.BudgetPeriod;
import dev.tollgate.domain.budget.BudgetSnapshot;
import dev.tollgate.domain.budget.HoldId;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.rate.ParallelLimit;
import dev.tollgate.domain.rate.RateKind;
import dev.tollgate.domain.rate.RateLimit;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.port.out.HoldRequest;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The scripts repeat {@link BudgetPeriod}'s window arithmetic in Lua: a cost posted at an instant
 * counts in exactly the window Java computes for it, across month ends, leap days, week starts
 * and N-day periods. And what Redis holds expires: only definitions (and tombstones saying a scope
 * has none) and lifetime totals persist.
 */
class RedisBudgetWindowsTest {

  @RegisterExtension static final RedisKeyspace redis = new RedisKeyspace();

  private static Scope fresh() {
    return Scope.tenant(TenantId.of("t-" + UUID.randomUUID()));
  }

  @Test
  void aCostCountsInTheWindowJavaComputesForItsInstant() {
    List<BudgetPeriod> periods = List.of(BudgetPeriod.daily(), BudgetPeriod.weekly(),
        BudgetPeriod.monthly(), BudgetPeriod.everyDays(10, LocalDate.parse("2030-01-07")),
        BudgetPeriod.everyDays(7, LocalDate.parse("1999-12-31")));
    List<Instant> instants = List.of("2028-02-28T23:59:59Z", "2028-02-29T00:00:00Z",
            "2028-03-01T00:00:00Z", "2030-12-31T23:59:59.999Z", "2031-01-01T00:00:00Z",
            "2030-03-17T23:59:59Z", "2030-03-18T00:00:00Z", "2030-01-16T12:00:00Z",
            "2030-01-17T00:00:00Z", "2100-03-01T00:00:00Z", "1969-12-31T23:00:00Z")
        .stream().map(Instant::parse).toList();
    for (BudgetPeriod period : periods) {
      for (Instant at : instants) {
        Scope scope = fresh();
        redis.stores().budgets().putBudget(Budget.of(scope, Money.usd("10"), period));
        redis.stores().budgets().settle(HoldId.of("h-" + UUID.randomUUID()), List.of(scope), at,
            Money.usd("1"), at);
        var window = period.windowAt(at);

        BudgetSnapshot inside = redis.stores().budgets().snapshot(scope, window.start()).orElseThrow();
        BudgetSnapshot lastMs = redis.stores().budgets()
            .snapshot(scope, window.end().minusMillis(1)).orElseThrow();
        BudgetSnapshot after = redis.stores().budgets().snapshot(scope, window.end()).orElseThrow();
        BudgetSnapshot before = redis.stores().budgets()
            .snapshot(scope, window.start().minusMillis(1)).orElseThrow();

        String where = period.name() + " at " + at;
        assertThat(inside.posted()).as(where).isEqualTo(Money.usd("1"));
        assertThat(lastMs.posted()).as(where).isEqualTo(Money.usd("1"));
        assertThat(after.posted()).as(where).isEqualTo(Money.ZERO);
        assertThat(before.posted()).as(where).isEqualTo(Money.ZERO);
      }
    }
  }

  @Test
  void onlyDefinitionsAndLifetimeTotalsAreKeptWithoutExpiry() {
    Instant now = Instant.parse("2030-03-14T10:00:00Z");
    Scope daily = fresh();
    Scope lifetime = fresh();
    redis.stores().budgets().putBudget(Budget.of(daily, Money.usd("10"), BudgetPeriod.daily()));
    redis.stores().budgets().putBudget(Budget.of(lifetime, Money.usd("10"), BudgetPeriod.lifetime()));
    HoldId held = HoldId.of("h-" + UUID.randomUUID());
    redis.stores().budgets().placeHold(new HoldRequest(held, List.of(daily, lifetime), Money.usd("1"), now,
        now.plusSeconds(60)));
    redis.stores().budgets().settle(held, List.of(daily, lifetime), now, Money.usd("1"), now);
    redis.stores().budgets().placeHold(new HoldRequest(HoldId.of("h-" + UUID.randomUUID()),
        List.of(daily), Money.usd("1"), now, now.plusSeconds(60)));
    redis.stores().rates().putLimit(RateLimit.perMinute(daily, RateKind.TOKENS, 100));
    redis.stores().rates().tryAcquire(List.of(daily), 1, 10, now);
    redis.stores().slots().putLimit(new ParallelLimit(daily, 2));
    redis.stores().slots().tryAcquire(List.of(daily), "r1", now.plusSeconds(30), now);

    RedisClient client = RedisClient.create(redis.settings().uri());
    try (StatefulRedisConnection<String, String> c = client.connect()) {
      String p = "{" + redis.settings().keyPrefix() + "}:";
      List<String> persistent = c.sync().keys(p + "*").stream()
          .filter(k -> k.contains(daily.storageKey()) || k.contains(lifetime.storageKey())
              || k.endsWith(":expiries")) // the other test shares this keyspace
          .filter(k -> c.sync().pttl(k) < 0).sorted().toList();
      assertThat(persistent).containsExactlyInAnyOrder(
          p + "budget:def:" + daily.storageKey(),
          p + "budget:def:" + lifetime.storageKey(),
          p + "budget:acct:life:" + lifetime.storageKey(),
          p + "budget:expiries",
          p + "rate:limit:TOKENS:" + daily.storageKey(),
          p + "rate:none:REQUESTS:" + daily.storageKey(), // known to have no such limit
          p + "slot:limit:" + daily.storageKey());
      assertThat(c.sync().pttl(p + "rate:count:TOKENS:" + daily.storageKey()))
          .isPositive().isLessThanOrEqualTo(Duration.ofMinutes(2).toMillis());
    } finally {
      client.shutdown();
    }
  }
}
