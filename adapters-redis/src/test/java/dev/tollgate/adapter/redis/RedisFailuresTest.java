package dev.tollgate.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.rate.RateKind;
import dev.tollgate.domain.rate.RateLimit;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.port.out.RateOutcome;
import dev.tollgate.port.out.StoreRefusedException;
import dev.tollgate.port.out.StoreUnavailableException;
import io.lettuce.core.RedisCommandTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Redis failing under the adapter, through a proxy the test cuts and blackholes: every failure
 * reaches the caller as the port's {@link StoreUnavailableException} (never a Lettuce type), a
 * silent Redis is bounded by the command timeout, and the adapter works again once Redis does.
 */
class RedisFailuresTest {

  private static final Instant NOW = Instant.parse("2030-03-14T10:00:00Z");

  private TcpProxy proxy;
  private RedisSettings settings;
  private RedisStores stores;
  private final Scope scope = Scope.tenant(TenantId.of("t-" + UUID.randomUUID()));

  @BeforeEach
  void open() throws Exception {
    proxy = new TcpProxy(TestRedis.url());
    settings = RedisSettings.of(proxy.url()).withKeyPrefix("test-" + UUID.randomUUID())
        .withCommandTimeout(Duration.ofMillis(300));
    stores = RedisStores.open(settings);
    stores.rates().putLimit(RateLimit.perMinute(scope, RateKind.REQUESTS, 10));
  }

  @AfterEach
  void close() throws Exception {
    stores.close();
    proxy.close();
    TestRedis.clean(RedisSettings.of(TestRedis.url()).withKeyPrefix(settings.keyPrefix()));
  }

  private RateOutcome acquire() {
    return stores.rates().tryAcquire(List.of(scope), 1, 0, NOW);
  }

  @Test
  void aCutConnectionIsAnOutageAndTheAdapterRecoversWhenRedisIsBack() throws Exception {
    proxy.cut();

    assertThatThrownBy(this::acquire).isExactlyInstanceOf(StoreUnavailableException.class);
    assertThatThrownBy(stores::ping).isExactlyInstanceOf(StoreUnavailableException.class);

    proxy.restore();
    assertThat(eventually(this::acquire)).isInstanceOf(RateOutcome.Acquired.class);
  }

  @Test
  void aSilentRedisIsAnOutageAfterTheCommandTimeout() {
    proxy.blackhole();

    assertThatThrownBy(this::acquire)
        .isExactlyInstanceOf(StoreUnavailableException.class)
        .hasCauseInstanceOf(RedisCommandTimeoutException.class);
  }

  @Test
  void anUnreachableRedisFailsTheStartWithTheRedactedUri() {
    proxy.cut();
    RedisSettings unreachable = settings.withPassword(java.util.Optional.of("s3cret"));

    assertThatThrownBy(() -> RedisStores.open(unreachable))
        .isExactlyInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining(proxy.url())
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void scriptsRedisForgotAreSentAgain() {
    io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create(TestRedis.url());
    try (var c = client.connect()) {
      c.sync().scriptFlush(); // what a restart does to the script cache
    } finally {
      client.shutdown();
    }

    assertThat(acquire()).isInstanceOf(RateOutcome.Acquired.class);
    assertThat(acquire()).isInstanceOf(RateOutcome.Acquired.class);
  }

  @Test
  void anAmountBeyondExactRangeIsRefusedNotRounded() {
    Scope budgeted = Scope.tenant(TenantId.of("t-" + UUID.randomUUID()));

    assertThatThrownBy(() -> stores.budgets().putBudget(dev.tollgate.domain.budget.Budget.of(
            budgeted, dev.tollgate.domain.money.Money.ofNanoUsd(1L << 53),
            dev.tollgate.domain.budget.BudgetPeriod.lifetime())))
        .isExactlyInstanceOf(StoreRefusedException.class);
    assertThat(stores.budgets().budgetOf(budgeted)).isEmpty();
  }

  /** Lettuce reconnects in the background: retries the call a bounded number of times. */
  private static <T> T eventually(java.util.function.Supplier<T> call) throws InterruptedException {
    StoreUnavailableException last = null;
    for (int attempt = 0; attempt < 100; attempt++) {
      try {
        return call.get();
      } catch (StoreUnavailableException e) {
        last = e;
        Thread.sleep(100);
      }
    }
    throw last;
  }
}
